/**
 * Runs a credential's declarative `test` the way n8n's CredentialsTester does: the test request
 * becomes the routing of a throw-away declarative node, which n8n-core's real RoutingNode sends
 * (with the credential's own `authenticate`), and the credential's rules are then applied to the
 * answer: `responseCode` rules to a failed request's status, `responseSuccessBody` rules to a
 * successful answer's body; anything else non-2xx fails, everything else passes.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	INodeType,
} from 'n8n-workflow';

import { CommonRoomApi } from '../packages/n8n-nodes-commonroom/credentials/CommonRoomApi.credentials';
import { TeamCommonGroundApi } from '../packages/n8n-nodes-teamcommonground/credentials/TeamCommonGroundApi.credentials';
import { runWorkflow } from './engine';

const credentialTypes: Record<string, ICredentialType> = {
	commonRoomApi: new CommonRoomApi(),
	teamCommonGroundApi: new TeamCommonGroundApi(),
};

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
}

function valueAt(body: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], body);
}

export async function testCredential(
	type: 'commonRoomApi' | 'teamCommonGroundApi',
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestOutcome> {
	const test = credentialTypes[type].test as ICredentialTestRequest;
	const probe: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'n8n builds a node like this one to run a credential test',
			defaults: { name: 'Credential test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const result = await runWorkflow({
		nodes: [
			{
				id: 'probe',
				name: 'Credential test',
				type: 'credentialTest',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				credentials: { [type]: { id: '1', name: 'under test' } },
			},
		],
		credentials: { [type]: data },
		extraNodeTypes: { credentialTest: probe },
	});

	const error = result.error() as
		| (Error & { httpCode?: string; cause?: { response?: { status: number; statusText?: string }; code?: string } })
		| undefined;
	if (error) {
		const status = error.cause?.response?.status ?? (error.httpCode ? Number(error.httpCode) : undefined);
		if (status !== undefined) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 200 || status > 299) {
				return { status: 'Error', message: `Received HTTP status code: ${status}` };
			}
		}
		return { status: 'Error', message: error.cause?.code ?? error.message };
	}

	const body = result.output('Credential test')[0]?.json;
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && valueAt(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
