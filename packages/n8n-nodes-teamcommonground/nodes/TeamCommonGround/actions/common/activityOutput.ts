import type { IDataObject } from 'n8n-workflow';

import type { ActivityBody } from '../../helpers/activityBody';

/** The documented 201 answer (plus the emulator's "skipped" 200), as the item's output. */
export function toOutput(body: ActivityBody, response: IDataObject): IDataObject {
	const client = (response.client ?? {}) as IDataObject;
	const activityId = (response.activityId as string | null | undefined) ?? null;
	const clientId = (client.clientId as string | null | undefined) ?? null;
	const clientStatus = (client.status as string | undefined) ?? (body.client ? 'unknown' : 'none');
	const output: IDataObject = {
		activityId,
		requestId: response.requestId ?? null,
		// "Root activities: ... threadId is automatically set to the activity's own ID."
		threadId: body.threadId ?? activityId,
		parentActivityId: body.parentActivityId ?? null,
		type: body.type,
		source: body.source ?? null,
		clientMatched: clientStatus === 'matched',
		clientLinked: clientId !== null,
		client: {
			status: clientStatus,
			clientId,
			matchedBy: (client.matchedBy as string | null | undefined) ?? null,
		},
	};
	if (response.status === 'skipped' || activityId === null) {
		output.skipped = true;
		if (response.reason) output.reason = response.reason;
	}
	return output;
}
