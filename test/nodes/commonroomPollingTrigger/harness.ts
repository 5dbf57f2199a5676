/**
 * Runs the Common Room Polling Trigger's `poll()` in n8n-core's real PollContext (n8n 2.41:
 * the context n8n's poll executor hands a node; parameters and expressions resolved by n8n,
 * credentials through the credentials helper, the real httpRequestWithAuthentication over HTTP to
 * the emulator). One Workflow object serves every poll, as one does for an active workflow
 * between polls, so the node's static data carries over, including whatever a failed poll left
 * in it (n8n keeps the object in memory whether or not it saves it).
 */
import { LoadOptionsContext, PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { Emulator, EmulatorOptions } from '../../../emulator';
import { startEmulator } from '../../../emulator';
import { CommonRoomPollingTrigger } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/CommonRoomPollingTrigger.node';
import { nodeTypeName, TestCredentialsHelper, TestNodeTypes } from '../../engine';

export const NODE_NAME = 'Common Room Polling Trigger';
export const SOURCE_ID = 12345;

export interface PollOutcome {
	/** The items of the first output, or null when the poll returned null. */
	items: INodeExecutionData[] | null;
	error?: Error;
}

export interface PollingTrigger {
	/** One poll; mode 'trigger' (an active workflow) unless said otherwise. */
	poll(options?: { mode?: WorkflowExecuteMode; budgetMs?: number }): Promise<PollOutcome>;
	/** The node's static data as the workflow holds it. */
	staticData(): IDataObject;
	/** Changes the node's parameters (the workflow and its static data stay). */
	setParameters(parameters: INodeParameters): void;
	loadOptionsContext(): LoadOptionsContext;
}

/** One emulator for the file, reset before each test, with a high announced limit so paging is fast. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, quiet: true, ...options, commonRoom: { ratePerSecond: 10_000, ...options.commonRoom } });
	});
	beforeEach(() => emulator?.reset());
	afterAll(async () => {
		await emulator?.stop();
	});
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}

export function pollingTrigger(emulator: Emulator, parameters: INodeParameters, token = emulator.tokens.commonRoom): PollingTrigger {
	const node: INode = {
		id: 'poller',
		name: NODE_NAME,
		type: nodeTypeName('commonRoomPollingTrigger'),
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { commonRoomApi: { id: '1', name: 'Common Room' } },
	};
	const nodeTypes = new TestNodeTypes({ commonRoomPollingTrigger: new CommonRoomPollingTrigger() });
	const workflow = new Workflow({
		id: 'polling-workflow',
		name: 'polling',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const workflowNode = () => workflow.getNode(NODE_NAME) as INode;
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ commonRoomApi: { apiToken: token, baseUrl: emulator.commonRoomBaseUrl } }),
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const nodeType = nodeTypes.getByNameAndVersion(node.type, 1);

	return {
		async poll(options = {}) {
			const mode = options.mode ?? 'trigger';
			const emitted: INodeExecutionData[][][] = [];
			const context = new PollContext(
				workflow,
				workflowNode(),
				additionalData,
				mode,
				mode === 'manual' ? 'manual' : 'activate',
				(data) => emitted.push(data),
				(error) => {
					throw error;
				},
				undefined,
				undefined,
				undefined,
				options.budgetMs === undefined ? undefined : () => options.budgetMs as number,
			);
			try {
				const result = await (nodeType.poll as NonNullable<typeof nodeType.poll>).call(context);
				return { items: result === null ? null : result[0] };
			} catch (error) {
				return { items: null, error: error as Error };
			}
		},
		staticData: () => workflow.getStaticData('node', workflowNode()),
		setParameters(next) {
			const current = workflowNode();
			current.parameters = next;
		},
		loadOptionsContext() {
			return new LoadOptionsContext(workflow, workflowNode(), additionalData, 'parameters.x');
		},
	};
}

/** v1 write: upsert a contact in the demo source (it becomes a v2 contact at once). */
export async function upsertContact(emulator: Emulator, user: IDataObject): Promise<void> {
	await v1(emulator, 'POST', `/source/${SOURCE_ID}/user`, { id: user.email, ...user });
}

/** v1 write: an activity of a contact (upserted with it). */
export async function addActivity(emulator: Emulator, email: string, id: string, activityType = 'signed_up', timestamp?: string): Promise<void> {
	await v1(emulator, 'POST', `/source/${SOURCE_ID}/activity`, {
		id,
		activityType,
		user: { id: email, email },
		content: { type: 'text', value: `activity ${id}` },
		...(timestamp ? { timestamp } : {}),
	});
}

/** v1 write: add contacts to a segment by email. */
export async function addToSegment(emulator: Emulator, segmentId: number, emails: string[]): Promise<void> {
	await v1(emulator, 'POST', `/segments/${segmentId}`, { socialType: 'email', value: emails.join(',') });
}

async function v1(emulator: Emulator, method: string, path: string, body: IDataObject): Promise<void> {
	const response = await fetch(`${emulator.commonRoomBaseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${emulator.tokens.commonRoom}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
}

/** The ids of a poll's items, in order. */
export function ids(outcome: PollOutcome): string[] {
	if (outcome.error) throw outcome.error;
	return (outcome.items ?? []).map((item) => String(item.json.id));
}

/** The emulator's bulk writer (control endpoint): contacts and their activities, straight into the store. */
export async function bulk(emulator: Emulator, input: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${emulator.url}/__emulator/commonRoom/bulk`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(input),
	});
	if (response.status !== 200) throw new Error(`bulk: ${response.status} ${await response.text()}`);
	return (await response.json()) as IDataObject;
}

/** The v2 requests the emulator logged from now on: call the result to read them. */
export function v2RequestsFromNow(emulator: Emulator, pathIncludes: string): () => string[] {
	const start = emulator.log().length;
	return () =>
		emulator
			.log()
			.slice(start)
			.filter((entry) => entry.path.includes('/community/v2') && entry.path.includes(pathIncludes))
			.map((entry) => entry.path);
}
