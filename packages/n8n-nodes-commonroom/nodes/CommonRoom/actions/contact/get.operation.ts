import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { asList, lookUpContact, memberIdsOf } from '../../transport';
import { readOptions } from '../properties';
import { contactEmailProperty, prepareEmail, type EmailPrepared } from './emailField';

const properties: INodeProperties[] = [contactEmailProperty, readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export const operation: ItemOperation<EmailPrepared> = {
	prepare: prepareEmail,

	/**
	 * GET /user/{email}: the Common Room member ids of the contact. Not found is an answer, not an
	 * error: the item says `found: false`, so a workflow can branch on it.
	 */
	async execute(ctx, prepared, itemIndex) {
		const response = await lookUpContact(ctx, prepared.email, itemIndex, prepared.timeoutMs);
		if (response.statusCode === 404) return { email: prepared.email, found: false };
		const members = asList(response.body);
		return {
			email: prepared.email,
			found: true,
			memberIds: memberIdsOf(members),
			members,
		};
	},
};
