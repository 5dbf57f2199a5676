/**
 * Runs the Common Room Trigger's `webhook()` behind a real HTTP server, the way n8n's webhook
 * server does (read from n8n 2.41's webhook helpers and body-parser middleware):
 * - the body is read raw, then parsed by content type: application/json (invalid JSON is
 *   answered 422 by n8n before the node runs), text/plain as text, anything else left as `{}`
 *   with `rawBody` set;
 * - the node gets n8n-core's real WebhookContext (parameters, credentials through the
 *   credentials helper, the workflow's static data, the request and the response);
 * - `noWebhookResponse` means the node answered itself; `webhookResponse` is sent as the answer
 *   with no execution; `workflowData` starts an execution (recorded here) and, in the
 *   "onReceived" mode, is answered 200 at once.
 * The same Workflow object serves every request, so static data persists between deliveries as
 * it does for an active workflow.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { capturedLogs, nodeTypeName, TestCredentialsHelper, TestNodeTypes } from './engine';

export interface TriggerServerOptions {
	parameters?: INodeParameters;
	/** The credential's secret; undefined = the node has no credential. */
	secret?: string;
	/** 'webhook' (an active workflow's production URL) or 'manual' ("Listen for test event"). */
	mode?: WorkflowExecuteMode;
}

export interface TriggerServer {
	url: string;
	/** The items each started execution got, in order. */
	executions: INodeExecutionData[][];
	staticData(): IDataObject;
	close(): Promise<void>;
}

interface ExpressLikeResponse extends ServerResponse {
	status(code: number): ExpressLikeResponse;
	json(body: unknown): ExpressLikeResponse;
	send(body: unknown): ExpressLikeResponse;
}

function expressResponse(res: ServerResponse): ExpressLikeResponse {
	const extended = res as ExpressLikeResponse;
	extended.status = (code: number) => {
		res.statusCode = code;
		return extended;
	};
	extended.json = (body: unknown) => {
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify(body));
		return extended;
	};
	extended.send = (body: unknown) => {
		res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
		return extended;
	};
	return extended;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function startTriggerServer(options: TriggerServerOptions = {}): Promise<TriggerServer> {
	const node: INode = {
		id: 'trigger',
		name: 'Common Room Trigger',
		type: nodeTypeName('commonRoomTrigger'),
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		webhookId: 'test-webhook-id',
		...(options.secret !== undefined ? { credentials: { commonRoomWebhookApi: { id: '1', name: 'secret' } } } : {}),
	};
	const nodeTypes = new TestNodeTypes();
	const workflow = new Workflow({
		id: 'trigger-workflow',
		name: 'trigger',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const nodeType = nodeTypes.getByNameAndVersion(node.type, 1);
	const credentials: Record<string, ICredentialDataDecryptedObject> =
		options.secret !== undefined ? { commonRoomWebhookApi: { secret: options.secret } } : {};
	const executions: INodeExecutionData[][] = [];
	const mode = options.mode ?? 'webhook';

	const handle = async (req: IncomingMessage, res: ExpressLikeResponse) => {
		const raw = await readRaw(req);
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
		const request = req as IncomingMessage & { body?: unknown; rawBody?: Buffer; query: IDataObject; params: IDataObject };
		request.rawBody = raw;
		request.query = {};
		request.params = {};
		request.body = {};
		if (raw.length > 0 && contentType === 'application/json') {
			try {
				request.body = JSON.parse(raw.toString('utf8'));
			} catch {
				res.status(422).json({ message: 'Failed to parse request body' });
				return;
			}
		} else if (raw.length > 0 && contentType === 'text/plain') {
			request.body = raw.toString('utf8');
		}
		const additionalData = {
			credentialsHelper: new TestCredentialsHelper(credentials),
			httpRequest: request,
			httpResponse: res,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: nodeType.description.webhooks?.[0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest: mode === 'manual',
		} as unknown as IWebhookData;
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		const result = await (nodeType.webhook as NonNullable<typeof nodeType.webhook>).call(context);
		if (result.noWebhookResponse) return;
		if (result.workflowData) {
			executions.push(result.workflowData[0]);
			res.status(200).json({ message: 'Workflow was started' });
			return;
		}
		res.status(200).json(result.webhookResponse ?? {});
	};

	const server: Server = createServer((req, res) => {
		const response = expressResponse(res);
		handle(req, response).catch((error: Error) => {
			capturedLogs.push({ level: 'error', message: error.message });
			if (!res.headersSent) response.status(500).json({ message: error.message });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/test-webhook-id/webhook`,
		executions,
		staticData: () => workflow.staticData as IDataObject,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
