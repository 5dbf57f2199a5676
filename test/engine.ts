/**
 * Runs our nodes inside n8n's real execution engine (n8n-core's `WorkflowExecute`), the way
 * n8n's own (unpublished) NodeTestHarness does: real parameter and expression resolution,
 * real `httpRequestWithAuthentication` (axios over loopback to the emulator), real
 * credential `authenticate`, real pairing and continue-on-fail handling.
 *
 *   const run = await runWorkflow({ nodes: [node('commonRoom', {...})], input: [{ json: {...} }] });
 *   run.output('Common Room')  // INodeExecutionData[] of the node's first output
 */
import { DataDeduplicationService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteWorkflowInfo,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Logger,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, LoggerProxy, NodeHelpers, Workflow } from 'n8n-workflow';

import { CommonRoomApi } from '../packages/n8n-nodes-commonroom/credentials/CommonRoomApi.credentials';
import { TeamCommonGroundApi } from '../packages/n8n-nodes-teamcommonground/credentials/TeamCommonGroundApi.credentials';
import commonRoomPackage from '../packages/n8n-nodes-commonroom/package.json';
import teamCommonGroundPackage from '../packages/n8n-nodes-teamcommonground/package.json';
import { MemoryDeduplicator } from './deduplicator';

/**
 * n8n's store of processed items for this test file (n8n-core takes one per module registry):
 * tests read and reset it; each run is a workflow of its own unless it gives a workflowId.
 */
export const processedItems = new MemoryDeduplicator();
void DataDeduplicationService.init(processedItems);

/** The package each node ships in. */
const PACKAGE_OF: Record<string, string> = {
	commonRoom: commonRoomPackage.name,
	commonRoomTrigger: commonRoomPackage.name,
	commonRoomPollingTrigger: commonRoomPackage.name,
	teamCommonGround: teamCommonGroundPackage.name,
};

/** The type n8n gives a community package's node: `<package name>.<node name>`. */
export function nodeTypeName(shortName: string): string {
	return PACKAGE_OF[shortName] ? `${PACKAGE_OF[shortName]}.${shortName}` : shortName;
}

export type NodeShortName = 'commonRoom' | 'teamCommonGround';

const credentialTypes: Record<string, ICredentialType> = {
	commonRoomApi: new CommonRoomApi(),
	teamCommonGroundApi: new TeamCommonGroundApi(),
};

/** Node classes are loaded lazily so a test of one node does not need the other to compile. */
function loadNodeType(shortName: string): INodeType | IVersionedNodeType {
	switch (shortName) {
		case 'commonRoom': {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { CommonRoom } = require('../packages/n8n-nodes-commonroom/nodes/CommonRoom/CommonRoom.node.ts');
			return new CommonRoom();
		}
		case 'commonRoomTrigger': {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { CommonRoomTrigger } = require('../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/CommonRoomTrigger.node.ts');
			return new CommonRoomTrigger();
		}
		case 'teamCommonGround': {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { TeamCommonGround } = require('../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/TeamCommonGround.node.ts');
			return new TeamCommonGround();
		}
		default:
			throw new Error(`Unknown node type ${shortName}`);
	}
}

export class TestNodeTypes implements INodeTypes {
	private readonly cache = new Map<string, INodeType | IVersionedNodeType>();

	constructor(private readonly extra: Record<string, INodeType> = {}) {}

	private resolve(type: string): INodeType | IVersionedNodeType {
		const [packageName, name] = type.split('.');
		const shortName = name !== undefined && PACKAGE_OF[name] === packageName ? name : type;
		if (this.extra[shortName]) return this.extra[shortName];
		let nodeType = this.cache.get(shortName);
		if (!nodeType) {
			nodeType = loadNodeType(shortName);
			this.cache.set(shortName, nodeType);
		}
		return nodeType;
	}

	getByName(type: string) {
		return this.resolve(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.resolve(type), version);
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * Hands the engine our test credentials and applies each credential type's own generic
 * `authenticate` (expressions such as `=Bearer {{$credentials.apiToken}}` resolved by n8n's
 * expression engine), so the real Authorization header goes on the wire.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const credentialType = credentialTypes[typeName];
		const authenticate = credentialType?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [name, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[name] = workflow.expression.getParameterValue(
				value as string,
				null,
				0,
				0,
				node.name,
				[],
				'internal',
				{ $credentials: credentials },
				undefined,
				false,
				credentials,
			) as string;
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const found = this.credentials[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return found;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	isCredentialUsableByNode() {
		return true;
	}
}

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** Everything n8n's logger received during the run, so tests can assert on it (and on secrets). */
export const capturedLogs: LogLine[] = [];

const capturingLogger: Logger = {
	error: (message: string, meta?: object) => capturedLogs.push({ level: 'error', message, meta }),
	warn: (message: string, meta?: object) => capturedLogs.push({ level: 'warn', message, meta }),
	info: (message: string, meta?: object) => capturedLogs.push({ level: 'info', message, meta }),
	debug: (message: string, meta?: object) => capturedLogs.push({ level: 'debug', message, meta }),
	scoped: () => capturingLogger,
} as unknown as Logger;
LoggerProxy.init(capturingLogger);

// A node's `this.logger` is `Container.get(Logger)` from n8n-core's own nested copies of @n8n/di
// and @n8n/backend-common, not LoggerProxy: register the same capturing logger there, resolving
// those exact modules, so the nodes' own lines (retry waits, progress) land in capturedLogs too.
const fromN8nCore = (name: string): unknown =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time, by path
	require(require.resolve(name, { paths: [require.resolve('n8n-core')] }));
const { Container } = fromN8nCore('@n8n/di') as { Container: { set(token: unknown, value: unknown): void } };
const { Logger: CoreLogger } = fromN8nCore('@n8n/backend-common') as { Logger: unknown };
Container.set(CoreLogger, capturingLogger);

/** A node of ours, named by default after its display name. */
export function node(
	shortName: NodeShortName,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): INode {
	const credentialType = shortName === 'commonRoom' ? 'commonRoomApi' : 'teamCommonGroundApi';
	return {
		id: extra.name ?? shortName,
		name: shortName === 'commonRoom' ? 'Common Room' : 'Team Common Ground',
		type: nodeTypeName(shortName),
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [credentialType]: { id: '1', name: `${credentialType} test` } },
		...extra,
	};
}

export interface RunOptions {
	/** Nodes in order; each is connected to the next unless `connections` is given. */
	nodes: INode[];
	connections?: Workflow['connectionsBySourceNode'];
	/** Items handed to the first node. */
	input?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Extra node types (for example a tiny helper node in one test). */
	extraNodeTypes?: Record<string, INodeType>;
	mode?: WorkflowExecuteMode;
	/**
	 * The workflow's id: what n8n keys a node's memory by (its store of processed items, its
	 * static data). Each run is a workflow of its own unless a test gives the same id again.
	 */
	workflowId?: string;
	/** The workflow's static data as saved before this run (what the run starts from). */
	staticData?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** The static data the run would have saved (n8n saves it when the run changed it), or what it started from. */
	staticData: IDataObject;
	/** The first output of the node's last run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error the workflow stopped with, if any. */
	error(): IRun['data']['resultData']['error'];
}

function chain(nodes: INode[]): Workflow['connectionsBySourceNode'] {
	const connections: Workflow['connectionsBySourceNode'] = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return connections;
}

let workflowCount = 0;

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const nodeTypes = new TestNodeTypes(options.extraNodeTypes);
	const workflowId = options.workflowId ?? `test-workflow-${++workflowCount}`;
	const workflow = new Workflow({
		id: workflowId,
		staticData: options.staticData ? (JSON.parse(JSON.stringify(options.staticData)) as IDataObject) : undefined,
		name: 'test',
		nodes: options.nodes,
		connections: options.connections ?? chain(options.nodes),
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: workflowId,
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: options.nodes,
		connections: {},
	} as never);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	let savedStaticData: IDataObject | undefined;
	hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => {
		if (newStaticData) savedStaticData = JSON.parse(JSON.stringify(newStaticData)) as IDataObject;
		finish(run);
	});

	const unused = async (): Promise<never> => {
		throw new Error('not available in tests');
	};
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(options.credentials ?? {}),
		executeWorkflow: unused as unknown as (info: IExecuteWorkflowInfo) => Promise<never>,
		getRunExecutionData: unused,
		getRuntimeCredential: unused,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unused,
	} as unknown as IWorkflowExecuteAdditionalData;

	const first = options.nodes[0];
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: first, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;

	return {
		run,
		staticData: savedStaticData ?? ((options.staticData ?? {}) as IDataObject),
		output(nodeName: string) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs?.length) {
				const error = run.data.resultData.error;
				throw new Error(
					`Node "${nodeName}" did not run${error ? `: ${error.message} ${error.description ?? ''}` : ''}`,
				);
			}
			return runs[runs.length - 1].data?.main?.[0] ?? [];
		},
		error() {
			return run.data.resultData.error;
		},
	};
}
