/**
 * Drives our nodes inside n8n-core's real WorkflowExecute (test/engine.ts) the way a user's
 * workflow would: input items in, the node's default options unless a scenario says otherwise,
 * Continue On Fail on (so a failed item shows up as an error item we can count instead of
 * stopping the run and hiding what happened to the others).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { capturedLogs, node, runWorkflow, type NodeShortName } from '../test/engine';
// Outside jest (test/setup/sharedResolver.js), each package's node runs its own generated copy
// of the shared code (gulpfile.js), as in n8n: sample the limiter registry of that copy.
import { getLimiter as commonRoomLimiter } from '../packages/n8n-nodes-commonroom/nodes/shared/transport/limiterRegistry';
import { getLimiter as teamCommonGroundLimiter } from '../packages/n8n-nodes-teamcommonground/nodes/shared/transport/limiterRegistry';
import { SERVICES, type ServiceName } from '../test/services';

const LIMITERS = { commonRoom: commonRoomLimiter, teamCommonGround: teamCommonGroundLimiter };

export interface NodeRun {
	startedAt: number;
	endedAt: number;
	seconds: number;
	items: number;
	output: INodeExecutionData[];
	/** Error items (Continue On Fail), and those of them that are rate-limit (429) errors. */
	errors: IDataObject[];
	errors429: number;
	/** The workflow stopped with an error (should never happen under Continue On Fail). */
	workflowError?: string;
	/** Log lines the nodes wrote during the run, by level (the harness captures them). */
	logLines: Record<string, number>;
}

/**
 * test/engine.ts keeps every log line of every run in `capturedLogs`; the bench counts them and
 * empties the array after each run, so they neither pile up in memory nor mix between scenarios
 * (runs that overlap in phase 1 share it: their counts are approximate).
 */
function takeLogLines(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const line of capturedLogs) counts[line.level] = (counts[line.level] ?? 0) + 1;
	capturedLogs.length = 0;
	return counts;
}

function summarise(startedAt: number, items: number, output: INodeExecutionData[], workflowError?: string): NodeRun {
	const endedAt = Date.now();
	const logLines = takeLogLines();
	const errors = output.map((item) => item.json).filter((json) => json.error !== undefined);
	const errors429 = errors.filter(
		(json) => String(json.httpCode) === '429' || /\b429\b|too many requests/i.test(`${json.error} ${json.description ?? ''}`),
	).length;
	return { startedAt, endedAt, seconds: (endedAt - startedAt) / 1000, items, output, errors, errors429, workflowError, logLines };
}

export function contactInput(prefix: string, count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: {
			email: `${prefix}${i}@example.com`,
			name: `Bench Person ${i}`,
			company: 'Bench Co',
			title: 'Engineer',
		},
	}));
}

/** Contact > Create or Update, "Define Below" with expressions, as a sheet-to-CRM sync would. */
export async function upsertContacts(options: {
	baseUrl: string;
	token: string;
	input: INodeExecutionData[];
	maxConcurrency?: number;
	/** Only Send Changes, remembered per workflow: runs with the same workflowId share it. */
	onlySendChanges?: boolean;
	workflowId?: string;
}): Promise<NodeRun> {
	const nodeOptions: INodeParameters = {};
	if (options.maxConcurrency !== undefined) nodeOptions.maxConcurrency = options.maxConcurrency;
	return await runNode(
		'commonRoom',
		{
			resource: 'contact',
			operation: 'upsert',
			destinationSourceId: '12345',
			fieldsToSend: 'defineBelow',
			email: '={{ $json.email }}',
			additionalFields: {
				fullName: '={{ $json.name }}',
				companyName: '={{ $json.company }}',
				titleAtCompany: '={{ $json.title }}',
			},
			...(options.onlySendChanges ? { onlySendChanges: true } : {}),
			options: nodeOptions,
		},
		options.input,
		{ commonRoomApi: { apiToken: options.token, baseUrl: options.baseUrl } },
		options.workflowId,
	);
}

/** Activity > Create: a custom-type activity for a known client, one per input item. */
export async function createActivities(options: {
	baseUrl: string;
	apiKey: string;
	prefix: string;
	count: number;
	maxConcurrency?: number;
}): Promise<NodeRun> {
	const input = Array.from({ length: options.count }, (_, i) => ({ json: { message: `${options.prefix}${i}` } }));
	const nodeOptions: INodeParameters = {};
	if (options.maxConcurrency !== undefined) nodeOptions.maxConcurrency = options.maxConcurrency;
	return await runNode(
		'teamCommonGround',
		{
			resource: 'activity',
			operation: 'create',
			activityType: 'note',
			clientEmail: 'customer@example.com',
			message: '={{ $json.message }}',
			options: nodeOptions,
		},
		input,
		{ teamCommonGroundApi: { apiKey: options.apiKey, baseUrl: options.baseUrl } },
	);
}

/** One execution of one of our nodes with Continue On Fail, timed and summarised. */
async function runNode(
	shortName: NodeShortName,
	parameters: INodeParameters,
	input: INodeExecutionData[],
	credentials: Record<string, ICredentialDataDecryptedObject>,
	workflowId?: string,
): Promise<NodeRun> {
	const startedAt = Date.now();
	const nodeUnderTest = node(shortName, parameters, { onError: 'continueRegularOutput' });
	const result = await runWorkflow({ nodes: [nodeUnderTest], input, credentials, workflowId });
	const error = result.error();
	let output: INodeExecutionData[] = [];
	try {
		output = result.output(nodeUnderTest.name);
	} catch {
		// reported through workflowError
	}
	return summarise(startedAt, input.length, output, error ? `${error.message}` : undefined);
}

export interface LimiterSample {
	/** Seconds since the sampler started. */
	t: number;
	ratePerSecond: number;
	ceilingPerSecond: number;
	queued: number;
}

/**
 * Samples the process-wide limiter the node uses for (service, base URL, secret): its current
 * pace, ceiling and how many requests wait for a token. Reading a snapshot only brings the
 * limiter's clock up to date; it does not change its behaviour.
 */
export class LimiterSampler {
	readonly samples: LimiterSample[] = [];
	private readonly startedAt = Date.now();
	private readonly timer: NodeJS.Timeout;

	constructor(service: ServiceName, baseUrl: string, secret: string, everyMs = 250) {
		const limiter = LIMITERS[service](SERVICES[service], baseUrl, secret);
		this.timer = setInterval(() => {
			const snapshot = limiter.snapshot();
			this.samples.push({
				t: (Date.now() - this.startedAt) / 1000,
				ratePerSecond: snapshot.ratePerSecond,
				ceilingPerSecond: snapshot.ceilingPerSecond,
				queued: snapshot.queued,
			});
		}, everyMs);
	}

	stop(): LimiterSample[] {
		clearInterval(this.timer);
		return this.samples;
	}

	/** The pace at the end of each whole second (for the per-second series). */
	perSecond(): number[] {
		const out: number[] = [];
		for (const sample of this.samples) out[Math.floor(sample.t)] = Math.round(sample.ratePerSecond * 100) / 100;
		return Array.from(out, (value) => value ?? 0);
	}
}
