import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { booleanParameter, ID_LIST, textList } from '../../../shared/parameters';
import type { VisibilityChoices } from '../../helpers/visibility';

/**
 * The visibility choices, one set of properties shown by Visibility → Build List and (under
 * "Visibility: Choose") by every create operation; `readVisibilityChoices` reads them for
 * `buildVisibility`. One definition, so the preview and the request cannot drift apart.
 */
export const visibilityChoiceFields: INodeProperties[] = [
	{
		displayName: 'Team Roles',
		name: 'visibilityTeamRoles',
		type: 'multiOptions',
		options: [
			{ name: 'Admin', value: 'admin', description: 'Business administrators (role:admin)' },
			{ name: 'Staff', value: 'staff', description: 'Staff members (role:staff)' },
		],
		default: ['admin', 'staff'],
		description:
			'Team roles that can see the activity. The business owner always can (role:owner is added automatically).',
	},
	{
		displayName: 'All Clients',
		name: 'visibilityAllClients',
		type: 'boolean',
		default: false,
		description:
			'Whether every client of the business can see the activity (role:client). The team roles are kept, as Team Common Ground asks. From an expression: true or false (or the text "true"/"false"); any other value fails the item.',
	},
	{
		displayName: 'Specific Users (User IDs)',
		name: 'visibilityUserIds',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		placeholder: 'abc123xyz',
		description:
			"User IDs (the client's userId, a Firebase Auth UID, not the client record ID) of people who can see the activity",
	},
	{
		displayName: 'Specific Clients (External Client IDs)',
		name: 'visibilityExternalClientIds',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		placeholder: 'cust_12345',
		description:
			'Your own client IDs, as used in Client ID with the same Source: Team Common Ground converts each through its client ID mapping to that client\'s user',
	},
];

export function readVisibilityChoices(ctx: IExecuteFunctions, itemIndex: number): VisibilityChoices {
	const list = (name: string, field: string) => textList(ctx, itemIndex, ctx.getNodeParameter(name, itemIndex, []), field, ID_LIST);
	return {
		teamRoles: list('visibilityTeamRoles', 'Team Roles'),
		// Read strictly: the text "false" from an expression is truthy and would share with every client.
		allClients: booleanParameter(ctx, itemIndex, ctx.getNodeParameter('visibilityAllClients', itemIndex, false), 'All Clients', false),
		userIds: list('visibilityUserIds', 'Specific Users (User IDs)'),
		externalClientIds: list('visibilityExternalClientIds', 'Specific Clients (External Client IDs)'),
	};
}
