import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { commonRoomRequest, pathSegment } from '../../transport';
import { readOptions } from '../properties';
import { contactEmailProperty, prepareEmail, type EmailPrepared } from './emailField';

const properties: INodeProperties[] = [
	{
		displayName:
			'Right to be forgotten: Common Room queues the removal of all personal data of this contact and completes it within 15 days. It cannot be undone.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	contactEmailProperty,
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

export const operation: ItemOperation<EmailPrepared> = {
	prepare: prepareEmail,
	execute,
};

/** DELETE /user/{email}. An unknown email is reported (`deletionRequested: false`), not an error. */
async function execute(ctx: IExecuteFunctions, prepared: EmailPrepared, itemIndex: number): Promise<IDataObject> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'DELETE', path: `/user/${pathSegment(prepared.email)}`, idempotent: true, acceptStatuses: [404] },
		itemIndex,
		prepared.timeoutMs,
	);
	if (response.statusCode === 404) {
		return {
			email: prepared.email,
			deletionRequested: false,
			status: 'skipped',
			reason: 'No contact with this email in Common Room',
			apiStatusCode: 404,
		};
	}
	return {
		email: prepared.email,
		deletionRequested: true,
		note: 'Common Room anonymizes the contact within 15 days',
		apiStatusCode: response.statusCode,
	};
}
