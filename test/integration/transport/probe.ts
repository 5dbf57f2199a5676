/**
 * A tiny node that calls apiRequest once per item (all items concurrently), run by n8n-core's
 * WorkflowExecute through test/engine.ts: `this` is n8n's real ExecuteContext, so every request
 * goes through n8n's real httpRequestWithAuthentication and axios. Also captures what n8n's
 * logger received and every error the node caught.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { apiRequest, type ApiRequestSettings, type ServiceName } from '../../../nodes/shared/transport';
import { runWorkflow } from '../../engine';

// ---- what n8n's logger (this.logger in the node) received ----------------------------------
export const logLines: string[] = [];
const capture = (level: string) => (message: string, meta?: unknown) =>
	logLines.push(`${level} ${message}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`);
const capturingLogger = {
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => capturingLogger,
};
// `this.logger` in a node is `Container.get(Logger)` from n8n-core's own copies of @n8n/di and
// @n8n/backend-common (nested under n8n-core), so resolve those exact modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time, by path
const fromCore = (name: string): unknown => require(require.resolve(name, { paths: [require.resolve('n8n-core')] }));
const { Container } = fromCore('@n8n/di') as { Container: { set(token: unknown, value: unknown): void } };
const { Logger } = fromCore('@n8n/backend-common') as { Logger: unknown };
Container.set(Logger, capturingLogger);

// ---- a probe node that calls apiRequest once per item, all items concurrently -----------------
export interface ProbeCall extends IDataObject {
	service: ServiceName;
	method: IHttpRequestMethods;
	path: string;
	idempotent: boolean;
	body?: IDataObject;
	acceptStatuses?: number[];
	settings?: ApiRequestSettings & IDataObject;
	/** Output the error as an item instead of failing the workflow. */
	catch?: boolean;
}

export const caughtErrors: Error[] = [];

const probeNode: INodeType = {
	description: {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'commonRoomApi', required: false },
			{ name: 'teamCommonGroundApi', required: false },
		],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const results = await Promise.all(
			items.map(async (item, itemIndex): Promise<INodeExecutionData> => {
				const call = item.json as ProbeCall;
				try {
					const response = await apiRequest.call(
						this,
						call.service,
						{ method: call.method, path: call.path, body: call.body, idempotent: call.idempotent, itemIndex, acceptStatuses: call.acceptStatuses },
						call.settings,
					);
					return { json: { statusCode: response.statusCode, body: response.body as IDataObject, at: Date.now() }, pairedItem: { item: itemIndex } };
				} catch (error) {
					caughtErrors.push(error as Error);
					if (!call.catch) throw error;
					const shaped = error as Error & { description?: string; httpCode?: string; context?: IDataObject };
					return {
						json: { error: { name: shaped.name, message: shaped.message, description: shaped.description ?? null, httpCode: shaped.httpCode ?? null, itemIndex: (shaped.context?.itemIndex as number) ?? null } },
						pairedItem: { item: itemIndex },
					};
				}
			}),
		);
		return [results];
	},
};

export const CR_TOKEN = 'cr-integration-token-7f3a9c';
export const TCG_KEY = 'tcg-integration-key-5b2e8d';

const probe: INode = {
	id: 'probe',
	name: 'Probe',
	type: 'transportProbe',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { commonRoomApi: { id: '1', name: 'cr' }, teamCommonGroundApi: { id: '2', name: 'tcg' } },
};

export interface ProbeTarget {
	/** A scripted server: Common Room under /community/v1/ (trailing slash on purpose), TCG under /v1. */
	url?: string;
	commonRoomBaseUrl?: string;
	teamCommonGroundBaseUrl?: string;
}

export async function runProbe(target: ProbeTarget, calls: ProbeCall[], secrets: { cr?: string; tcg?: string } = {}) {
	const result = await runWorkflow({
		nodes: [probe],
		input: calls.map((json) => ({ json })),
		credentials: {
			commonRoomApi: { apiToken: secrets.cr ?? CR_TOKEN, baseUrl: target.commonRoomBaseUrl ?? `${target.url}/community/v1/` },
			teamCommonGroundApi: { apiKey: secrets.tcg ?? TCG_KEY, baseUrl: target.teamCommonGroundBaseUrl ?? `${target.url}/v1` },
		},
		extraNodeTypes: { transportProbe: probeNode },
	});
	return result;
}

