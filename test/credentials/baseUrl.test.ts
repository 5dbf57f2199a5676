/**
 * The credentials' "Test" button and the node read the Base URL the same way: the connection
 * test's baseURL expression, resolved by n8n's own expression engine, gives what the transport's
 * normaliseBaseUrl gives, for what users type (nothing, spaces, trailing slashes, a proxy).
 */
import type { ICredentialTestRequest, ICredentialType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CommonRoomApi } from '../../packages/n8n-nodes-commonroom/credentials/CommonRoomApi.credentials';
import { TeamCommonGroundApi } from '../../packages/n8n-nodes-teamcommonground/credentials/TeamCommonGroundApi.credentials';
import { normaliseBaseUrl } from '../../packages/shared/transport';
import { SERVICES, type ServiceName } from '../services';

const nodeTypes = {
	getByName: () => undefined,
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;
const workflow = new Workflow({
	id: 'w',
	nodes: [{ id: 'n', name: 'Credential test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }],
	connections: {},
	active: false,
	nodeTypes,
});

function testBaseUrl(credential: ICredentialType, baseUrl: unknown): unknown {
	const expression = (credential.test as ICredentialTestRequest).request.baseURL as string;
	return workflow.expression.getParameterValue(expression, null, 0, 0, 'Credential test', [], 'internal', {
		$credentials: { baseUrl },
	} as never);
}

const typed = [undefined, '', '   ', 'http://127.0.0.1:5680/v1', ' http://127.0.0.1:5680/v1/ ', 'https://proxy.example.com/community/v1//'];

describe.each([
	['commonRoom', new CommonRoomApi()],
	['teamCommonGround', new TeamCommonGroundApi()],
] as Array<[ServiceName, ICredentialType]>)('%s credential', (service, credential) => {
	it.each(typed.map((value) => [value]))('Base URL %p: the test calls what the node calls', (value) => {
		expect(testBaseUrl(credential, value)).toBe(normaliseBaseUrl(SERVICES[service], value));
	});

	it("defaults to the service's own URL, the one its Base URL field shows", () => {
		expect(testBaseUrl(credential, '')).toBe(SERVICES[service].defaultBaseUrl);
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe(SERVICES[service].defaultBaseUrl);
	});
});
