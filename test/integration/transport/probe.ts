/**
 * A tiny node that calls apiRequest once per item (all items concurrently), run by n8n-core's
 * WorkflowExecute through test/engine.ts: `this` is n8n's real ExecuteContext, so every request
 * goes through n8n's real httpRequestWithAuthentication and axios. Also captures what n8n's
 * logger received and every error the node caught.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { apiRequest, type ApiRequestSettings } from '../../../packages/shared/transport';
import { SERVICES, type ServiceName } from '../../services';
import { capturedLogs, runWorkflow } from '../../engine';

// ---- what n8n's logger (this.logger in the node) received, one formatted line each ----------
export const logLines = (): string[] =>
	capturedLogs.map(({ level, message, meta }) => `${level} ${message}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`);

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
						SERVICES[call.service],
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

