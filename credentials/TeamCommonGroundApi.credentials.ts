import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Team Common Ground Activity API key. The API has a single endpoint that creates activities,
 * so the connection test (in the node, see nodes/shared/transport/credentialTest.ts) sends a
 * body that fails validation and reads the answer: it never creates anything.
 */
export class TeamCommonGroundApi implements ICredentialType {
	name = 'teamCommonGroundApi';

	displayName = 'Team Common Ground API';

	icon: Icon = {
		light: 'file:../icons/teamcommonground.svg',
		dark: 'file:../icons/teamcommonground.dark.svg',
	};

	documentationUrl = 'https://www.teamcommonground.com/docs/activity-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Generate a key in Team Common Ground under your integration settings. If the key has an IP allow-list, the address n8n calls from must be on it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.teamcommonground.com/v1',
			description:
				'Leave as is for Team Common Ground. Change it only to reach a proxy or the local emulator (for example http://localhost:5680/v1).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};
}
