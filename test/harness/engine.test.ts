/**
 * The engine harness itself: a tiny node run by n8n-core's WorkflowExecute reaches a loopback
 * server through n8n's real httpRequestWithAuthentication, with our credential's header on the
 * wire and items paired to their inputs.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { runWorkflow } from '../engine';

const probeNode: INodeType = {
	description: {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'commonRoomApi', required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const credentials = await this.getCredentials<{ baseUrl: string }>('commonRoomApi');
			const body = await this.helpers.httpRequestWithAuthentication.call(this, 'commonRoomApi', {
				method: 'GET',
				url: `${credentials.baseUrl}${this.getNodeParameter('path', i) as string}`,
				json: true,
			});
			out.push({ json: body, pairedItem: { item: i } });
		}
		return [out];
	},
};

describe('engine harness', () => {
	let server: Server;
	let baseUrl: string;
	const seen: Array<{ url?: string; headers: IncomingHttpHeaders }> = [];

	beforeAll(async () => {
		server = createServer((req, res) => {
			seen.push({ url: req.url, headers: req.headers });
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ path: req.url }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/community/v1`;
	});

	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	it('runs a node in WorkflowExecute with real HTTP, credential auth and resolved expressions', async () => {
		const result = await runWorkflow({
			nodes: [
				{
					id: 'probe',
					name: 'Probe',
					type: 'probe',
					typeVersion: 1,
					position: [0, 0],
					parameters: { path: '={{ "/things/" + $json.n }}' },
					credentials: { commonRoomApi: { id: '1', name: 'cr' } },
				},
			],
			input: [{ json: { n: 1 } }, { json: { n: 2 } }],
			credentials: { commonRoomApi: { apiToken: 'harness-token-123', baseUrl } },
			extraNodeTypes: { probe: probeNode },
		});

		const output = result.output('Probe');
		expect(output.map((item) => item.json.path)).toEqual([
			'/community/v1/things/1',
			'/community/v1/things/2',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(seen.map((request) => request.headers.authorization)).toEqual([
			'Bearer harness-token-123',
			'Bearer harness-token-123',
		]);
	});
});
