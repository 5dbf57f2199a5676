// Generated from packages/shared/execution/summary.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IDataObject } from 'n8n-workflow';

import { errorJson } from './errorItem';
import { OUTCOMES, type ItemOutcome, type Settled } from './operation';

/** How many failures the summary item lists in full. */
const FIRST_ERRORS = 10;

/** The sync report users of bulk syncs expect: counts per outcome and the first errors. */
export function summarize(settled: Settled[]): IDataObject {
	const counts: Record<ItemOutcome | 'failed', number> = {
		created: 0,
		updated: 0,
		upserted: 0,
		skipped: 0,
		unchanged: 0,
		done: 0,
		failed: 0,
	};
	const firstErrors: IDataObject[] = [];
	settled.forEach((outcome, itemIndex) => {
		if (!outcome.ok) {
			counts.failed++;
			if (firstErrors.length < FIRST_ERRORS) firstErrors.push({ itemIndex, ...errorJson(outcome.error) });
			return;
		}
		const results = Array.isArray(outcome.result) ? outcome.result : [outcome.result];
		for (const result of results) counts[outcomeOf(result)]++;
	});
	return { total: settled.length, ...counts, firstErrors };
}

export function outcomeOf(result: IDataObject): ItemOutcome {
	const status = result.status;
	return OUTCOMES.includes(status as ItemOutcome) ? (status as ItemOutcome) : 'done';
}
