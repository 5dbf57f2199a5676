import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { localOperation } from '../../../shared/execution';
import { booleanParameter, textParameter, throwProblems } from '../../../shared/parameters';
import { EMBED_ACTIVITY_TYPES } from '../../helpers/constants';
import { buildPopup } from '../../helpers/embed';

const properties: INodeProperties[] = [
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		required: true,
		default: '',
		description: 'Your business ID, from the Team Common Ground integration settings',
	},
	{
		displayName: 'Type',
		name: 'embedType',
		type: 'options',
		options: EMBED_ACTIVITY_TYPES.map((type) => ({
			name: type.name,
			value: type.value,
			description: `${type.description} (${type.value})`,
		})),
		default: 'report_issue_created',
		description: 'The kind of activity the popup submits',
	},
	{
		displayName: 'Message',
		name: 'embedMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text to pre-fill in the popup (optional)',
	},
	{
		displayName: 'Invite New Clients',
		name: 'invite',
		type: 'boolean',
		default: false,
		description: 'Whether Team Common Ground sends an invitation email to users who are new to the business',
	},
	{
		displayName: 'Return URL',
		name: 'returnUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/thanks',
		description: 'Where to go after a successful submission (default: the page that opened the popup)',
	},
	{
		displayName: 'Button Label',
		name: 'buttonLabel',
		type: 'string',
		default: '',
		placeholder: 'Report Issue',
		description: 'Text of the HTML button (default: a label that fits the type)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['embed'], operation: ['buildPopupUrl'] } },
	properties,
);

/** No request: the popup URL, a ready-to-paste HTML button and the document's JS helper. */
export const operation = localOperation((ctx, itemIndex) => {
	const text = (name: string, label: string) => textParameter(ctx, itemIndex, ctx.getNodeParameter(name, itemIndex, ''), label);
	const choices = {
		businessId: text('businessId', 'Business ID'),
		type: ctx.getNodeParameter('embedType', itemIndex) as string,
		message: text('embedMessage', 'Message'),
		invite: booleanParameter(ctx, itemIndex, ctx.getNodeParameter('invite', itemIndex, false), 'Invite New Clients', false),
		returnUrl: text('returnUrl', 'Return URL'),
		buttonLabel: text('buttonLabel', 'Button Label'),
	};
	const popup = buildPopup(choices);
	if (!popup.ok) throwProblems(ctx, itemIndex, popup.problems);
	return { url: popup.url, html: popup.html, javascript: popup.javascript };
});
