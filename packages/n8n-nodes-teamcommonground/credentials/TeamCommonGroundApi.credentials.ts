import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression } from '../nodes/shared/transport/services';
import { TEAM_COMMON_GROUND } from '../nodes/TeamCommonGround/transport/service';

/**
 * Team Common Ground Activity API key. The API has a single endpoint, which creates activities,
 * so the connection test sends an empty body that fails validation and reads the answer's
 * `code`: it never creates anything. n8n's declarative tests can only name failures, so:
 * `INVALID_PAYLOAD` (the key was accepted, then the body refused) is the one answer that passes;
 * every known refusal gets its own message, and an answer with no `code` at all (a proxy's
 * error page, a 5xx) fails too.
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
			default: TEAM_COMMON_GROUND.defaultBaseUrl,
			description:
				'Leave as is for Team Common Ground. Change it only to reach a proxy or the local emulator (for example http://localhost:5680/v1).',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(TEAM_COMMON_GROUND),
			url: '/activities',
			method: 'POST',
			body: {},
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'INVALID_API_KEY',
					message:
						'The API key is invalid or revoked: generate a new one in Team Common Ground\'s integration settings',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'IP_NOT_ALLOWED',
					message:
						"The key is valid but this n8n's IP address is not on its allow-list: add it in Team Common Ground's integration settings (running the node shows the address)",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'RATE_LIMIT_EXCEEDED',
					message: 'The key is rate limited right now: wait a minute and test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined,
					message:
						'No Team Common Ground answer at this Base URL: it should end in /v1 (for example https://api.teamcommonground.com/v1)',
				},
			},
		],
	};

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};
}
