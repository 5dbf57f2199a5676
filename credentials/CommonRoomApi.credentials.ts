import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Common Room Core API v1 token. The connection test lives in the node
 * (`methods.credentialTest`, see nodes/shared/transport/credentialTest.ts) so that a
 * successful test can name the community the token belongs to.
 */
export class CommonRoomApi implements ICredentialType {
	name = 'commonRoomApi';

	displayName = 'Common Room API';

	icon: Icon = { light: 'file:../icons/commonroom.svg', dark: 'file:../icons/commonroom.dark.svg' };

	documentationUrl = 'https://api.commonroom.io/docs/community.html';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A Core API token. In Common Room open Settings > API tokens and create a new token; it is shown only once.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.commonroom.io/community/v1',
			description:
				'Leave as is for Common Room. Change it only to reach a proxy or the local emulator (for example http://localhost:5680/community/v1).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};
}
