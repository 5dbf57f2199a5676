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
 * Static data goes the way n8n 2.41.1's live webhooks take it (docs/reliability.md): every request
 * builds its Workflow over a fresh copy read from the "database" (a JSON string here), and the
 * copy is saved only when n8n-workflow's change flag is set when n8n checks it. n8n checks at once
 * when the node answered itself or starts nothing; for an "onReceived" answer left to n8n, only
 * after starting the execution, whose WorkflowRunner wraps the same object in a second Workflow
 * first (which clears the flag).
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
	/**
	 * Each execution's workflow writes static data too (a Code node's `$getWorkflowStaticData`):
	 * it reads its copy as n8n's WorkflowRunner does when starting it, and after `delayMs` saves
	 * that copy whole (n8n's workflowExecuteAfter), over whatever was saved meanwhile.
	 */
	executionWritesStaticData?: { delayMs: number };
	/** Between reading static data and running the node (default 20 ms, n8n's other reads). */
	readToRunMs?: number;
}

export interface TriggerServer {
	url: string;
	/** The items each started execution got, in order. */
	executions: INodeExecutionData[][];
	/** The workflow's static data as last saved. */
	staticData(): IDataObject;
	/** Resolves when every execution that writes static data has saved it. */
	executionsSaved(): Promise<void>;
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

let workflowCount = 0;

export async function startTriggerServer(options: TriggerServerOptions = {}): Promise<TriggerServer> {
	workflowCount += 1;
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
	const workflowParameters = {
		// Each server is a workflow of its own: this process's repeat record is kept per workflow.
		id: `trigger-workflow-${workflowCount}`,
		name: 'trigger',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: { executionOrder: 'v1' as const },
	};
	/** The static data column: null until the first save, as for a new workflow. */
	let saved: string | null = null;
	const executionSaves: Array<Promise<void>> = [];
	/** An execution of a workflow that writes static data: its copy now, saved whole later. */
	const runExecution = () => {
		if (!options.executionWritesStaticData) return;
		const copy = saved === null ? ({} as IDataObject) : (JSON.parse(saved) as IDataObject);
		executionSaves.push(
			new Promise<void>((resolve) =>
				setTimeout(() => {
					const global = (copy.global ?? {}) as IDataObject;
					copy.global = { ...global, runs: ((global.runs as number) ?? 0) + 1 };
					saved = JSON.stringify(copy);
					resolve();
				}, options.executionWritesStaticData?.delayMs ?? 0),
			),
		);
	};
	const save = (workflow: Workflow) => {
		if ((workflow.staticData as IDataObject).__dataChanged === true) saved = JSON.stringify(workflow.staticData);
	};
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
		const stored = saved === null ? null : (JSON.parse(saved) as IDataObject);
		// n8n awaits more reads (the published version, credentials) between reading static data
		// and running the node, so requests that arrive together all read it before any save.
		await new Promise((resolve) => setTimeout(resolve, options.readToRunMs ?? 20));
		const workflow = new Workflow({ ...workflowParameters, staticData: stored ?? undefined });
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
		if (result.noWebhookResponse || !result.workflowData) save(workflow);
		if (result.workflowData) {
			executions.push(result.workflowData[0]);
			if (result.noWebhookResponse) {
				runExecution();
				return;
			}
			// WorkflowRunner.establishContextForPersistence: a second Workflow over the same object;
			// then prepareNewExecution reads the execution's copy; then n8n answers and saves.
			new Workflow({ ...workflowParameters, staticData: stored ?? undefined });
			runExecution();
			save(workflow);
			res.status(200).json({ message: 'Workflow was started' });
			return;
		}
		if (result.noWebhookResponse) return;
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
		staticData: () => (saved === null ? {} : (JSON.parse(saved) as IDataObject)),
		executionsSaved: async () => {
			await Promise.all(executionSaves);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
