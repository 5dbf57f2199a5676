import type { ItemOperation } from '../../../shared/execution';
import { requestUrl } from '../../../shared/transport';
import { postActivity } from '../../transport';
import { TEAM_COMMON_GROUND } from '../../transport/service';
import type { DuplicateKey } from '../../helpers/duplicateKey';
import { toOutput } from './activityOutput';
import { createOnce, prepareDuplicateRun, readDuplicateSettings, wouldSkip, type DuplicateRun } from './duplicates';
import { prepareActivity, type CreateKind, type PreparedActivity } from './readActivity';

interface PreparedCreate extends PreparedActivity {
	/** Set when Skip Duplicates is on. */
	duplicateKey?: DuplicateKey;
}

/**
 * A create operation: prepare reads and checks the item (readActivity.ts) and its Duplicate Key,
 * the run looks up which keys were created before (duplicates.ts), execute sends one
 * POST /activities unless the item is a duplicate.
 */
export function createActivityOperation(kind: CreateKind): ItemOperation<PreparedCreate, DuplicateRun | undefined> {
	return {
		prepare(ctx, itemIndex) {
			const prepared = prepareActivity(ctx, itemIndex, kind);
			return { ...prepared, duplicateKey: readDuplicateSettings(ctx, itemIndex, prepared.body) };
		},
		async prepareRun(ctx, items) {
			const keyed = items.flatMap(({ itemIndex, prepared }) => (prepared.duplicateKey ? [{ itemIndex, key: prepared.duplicateKey }] : []));
			return { shared: await prepareDuplicateRun(ctx, keyed) };
		},
		async execute(ctx, prepared, itemIndex, run) {
			const send = async (beforeSend?: () => Promise<void>) => {
				const response = await postActivity(ctx, prepared.body, itemIndex, {
					timeoutMs: prepared.timeoutMs,
					retryCreatesOnServerError: prepared.retryCreatesOnServerError,
					beforeSend,
				});
				return toOutput(prepared.body, response);
			};
			if (!prepared.duplicateKey || !run) return await send();
			return await createOnce(run, itemIndex, { key: prepared.duplicateKey, retryCreatesOnServerError: prepared.retryCreatesOnServerError }, send);
		},
		async preview(ctx, prepared, itemIndex, run) {
			const skip = prepared.duplicateKey && run ? wouldSkip(run, itemIndex, prepared.duplicateKey) : undefined;
			return {
				method: 'POST',
				url: await requestUrl(ctx, TEAM_COMMON_GROUND, '/activities', itemIndex),
				body: prepared.body,
				...(prepared.duplicateKey ? { duplicateKey: prepared.duplicateKey.key } : {}),
				...(skip ? { wouldSkip: skip } : {}),
			};
		},
		describeStop: (tally) =>
			`Before it stopped, this run created ${tally.created} of its ${tally.total} items${tally.skipped ? ` and skipped ${tally.skipped} as duplicates` : ''}; the others were not sent, or are named above. To run it again safely, keep Skip Duplicates on: what was created is skipped. Or turn on Continue On Fail (Settings), so that one item's failure does not stop the others.`,
	};
}
