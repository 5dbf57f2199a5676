import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression } from '../nodes/shared/transport/services';
import { COMMON_ROOM } from '../nodes/CommonRoom/transport/service';

/** A rule on the token check's answer: when `key` holds `value`, the test fails with `message`. */
function bodyRule(key: string, value: string | undefined, message: string): IAuthenticateRuleResponseSuccessBody {
	return { type: 'responseSuccessBody', properties: { key, value, message } };
}

/**
 * Common Room Core API v1 token. The connection test is declarative (n8n runs it, and n8n's
 * package scanner rejects the deprecated request helper a programmatic test would need):
 * `GET /api-token-status`, which answers 200 for a good token. The node's Token > Check
 * operation shows which community the token belongs to.
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
			default: COMMON_ROOM.defaultBaseUrl,
			description:
				'Leave as is for Common Room. Change it only to reach a proxy or the local emulator (for example http://localhost:5680/community/v1). The node\'s API v2 operations (Get by ID, Get Many of contacts, organizations, activities and lead scores; Segment > Create) use the same token at this address with /v1 replaced by /v2, so it must end in /v1.',
		},
	];

	// The request does not fail on an HTTP status (ignoreHttpStatusErrors): the answer's body is
	// checked by the rules below, in order. n8n 1.x loses the status of a test request that fails
	// (its error drops the axios cause), so rules on a failed request's code ("responseCode")
	// only worked in 2.x; rules on the body work in both. A good token's answer is the spec's
	// ApiToken (jti, communityName, communityId); Common Room's errors are its Status
	// ({ status: "forbidden" | "not-found" | ... }); anything without a communityId fails last.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(COMMON_ROOM),
			url: '/api-token-status',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			bodyRule('status', 'unauthorized', 'Common Room rejected the API token: check it in the credential (Settings > API tokens in Common Room)'),
			bodyRule('status', 'forbidden', 'Common Room rejected the API token (forbidden): it may be revoked or belong to another workspace. Create a new one under Settings > API tokens'),
			bodyRule('status', 'not-found', 'Nothing answered at this Base URL: for Common Room it should end in /community/v1'),
			bodyRule('communityId', undefined, "This Base URL did not answer Common Room's token check: check the Base URL (it should end in /community/v1) and the API token"),
		],
	};

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};
}
