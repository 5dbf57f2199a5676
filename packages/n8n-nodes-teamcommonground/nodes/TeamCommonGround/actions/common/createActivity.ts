import type { ItemOperation } from '../../../shared/execution';
import { postActivity } from '../../transport';
import { toOutput } from './activityOutput';
import { prepareActivity, type CreateKind, type PreparedActivity } from './readActivity';

/** A create operation: prepare reads and checks the item (readActivity.ts), execute sends one POST /activities. */
export function createActivityOperation(kind: CreateKind): ItemOperation<PreparedActivity> {
	return {
		prepare: (ctx, itemIndex) => prepareActivity(ctx, itemIndex, kind),
		async execute(ctx, prepared, itemIndex) {
			const response = await postActivity(ctx, prepared.body, itemIndex, {
				timeoutMs: prepared.timeoutMs,
				retryCreatesOnServerError: prepared.retryCreatesOnServerError,
			});
			return toOutput(prepared.body, response);
		},
	};
}
