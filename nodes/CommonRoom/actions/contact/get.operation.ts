import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asList, commonRoomRequest, readOptions, segment } from '../common';
import { contactEmailProperty, prepareEmail, type EmailPrepared } from './emailField';

const properties: INodeProperties[] = [contactEmailProperty, readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export const prepare = prepareEmail;

/**
 * GET /user/{email}: the Common Room member ids of the contact. Not found is an answer, not an
 * error: the item says `found: false`, so a workflow can branch on it.
 */
export async function execute(ctx: IExecuteFunctions, prepared: EmailPrepared, itemIndex: number): Promise<IDataObject> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: `/user/${segment(prepared.email)}`, idempotent: true, acceptStatuses: [404] },
		itemIndex,
		prepared.timeoutMs,
	);
	if (response.statusCode === 404) return { email: prepared.email, found: false };
	const members = asList(response.body);
	return {
		email: prepared.email,
		found: true,
		memberIds: members.map((member) => member.id).filter((id) => id !== undefined && id !== null),
		members,
	};
}
