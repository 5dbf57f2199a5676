/**
 * Team Common Ground's side of the shared transport. Its API has one endpoint, which creates an
 * activity: a create is not idempotent, so it is never re-sent after it may have reached the
 * server unless the user accepts duplicates (nodes/shared/transport/retryLoop.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../../shared/transport';
import { TEAM_COMMON_GROUND } from './service';

export interface CreateSettings {
	timeoutMs: number;
	retryCreatesOnServerError: boolean;
	/** Awaited right before the request goes out (Skip Duplicates records the key there). */
	beforeSend?: () => Promise<void>;
}

/** POST /activities; the answer's body (the documented 201, or the emulator's "skipped" 200). */
export async function postActivity(
	ctx: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
	settings: CreateSettings,
): Promise<IDataObject> {
	const response = await apiRequest.call(
		ctx,
		TEAM_COMMON_GROUND,
		{ method: 'POST', path: '/activities', body, idempotent: false, itemIndex },
		settings,
	);
	return (response.body ?? {}) as IDataObject;
}
