// Common Room's outgoing webhooks (webhooks ref "Setup"): webhooks are destinations (name, URL,
// optional secret); workflows decide when one fires. API writes fire newContact / newActivity;
// every event can also be fired on demand, and test payloads sent (emulator/README.md "Webhooks").
import type { CommonRoomSeed } from '../seed';
import type {
	EmulatorWebhooks,
	FiredDelivery,
	PendingWebhookFaults,
	WebhookEvent,
	WebhookFault,
	WebhookFireOptions,
	WebhookInfo,
	WebhookTestOptions,
	WorkflowInfo,
} from '../types';
import { checkWebhookUrl, WebhookDeliverer } from './webhookDelivery';
import {
	PAYLOAD_TYPES,
	WEBHOOK_EVENTS,
	activityPayload,
	contactPayload,
	deliveryBody,
	envelopeId,
	sampleContactPayload,
	samplePayload,
	type Envelope,
} from './webhookPayloads';
import type { CommonRoomStore, StoredActivity, StoredContact } from './store';

/** A first write through the API (README "Choices", webhook events): updates fire nothing. */
export type CommonRoomEvent =
	| { kind: 'contactCreated'; contact: StoredContact }
	| { kind: 'activityCreated'; activity: StoredActivity; contact: StoredContact };

interface Webhook {
	id: string;
	name: string;
	url: string;
	secret: string | undefined;
}

const FAULTS: readonly WebhookFault[] = ['wrongSecret', 'noSecret', 'repeat', 'notJson', 'array', 'noPayload'];
// The sample's workflow id is 11410 (webhooks ref "Payload shape"); new ids continue from there.
const FIRST_WORKFLOW_ID = 11410;
const RESERVED_IDS = ['workflows', 'fire', 'deliveries', 'idle', 'faults'];

export class CommonRoomWebhooks implements EmulatorWebhooks {
	readonly deliverer = new WebhookDeliverer();
	private webhooks = new Map<string, Webhook>();
	private workflows = new Map<number, WorkflowInfo>();
	private queuedFaults: PendingWebhookFaults[] = [];
	private nextWebhookNumber = 1;
	private communityId = '';

	/** `store` is read at fire time: reset() replaces the Common Room store. */
	constructor(private readonly store: () => CommonRoomStore) {}

	/** Checks the seed's webhooks completely, then replaces everything (README "Programmatic API", reset). */
	load(seed: CommonRoomSeed): void {
		const webhooks = new Map<string, Webhook>();
		for (const entry of seed.webhooks ?? []) {
			webhooks.set(entry.id, this.webhook(entry.id, entry));
		}
		this.deliverer.cancel();
		this.deliverer.clearLog();
		this.queuedFaults = [];
		this.webhooks = webhooks;
		this.workflows = new Map((seed.workflows ?? []).map((w) => [w.id, { ...w }]));
		this.communityId = seed.communityId;
	}

	register(input: { url: string; secret?: string; name?: string; id?: string }): { id: string } {
		if (input.id !== undefined && this.webhooks.has(input.id)) throw new Error(`webhook ${input.id} already exists`);
		let id = input.id;
		while (id === undefined || this.webhooks.has(id)) id = `webhook-${this.nextWebhookNumber++}`;
		this.webhooks.set(id, this.webhook(id, input));
		return { id };
	}

	remove(webhookId: string): void {
		this.known(webhookId);
		this.webhooks.delete(webhookId);
		for (const workflow of [...this.workflows.values()]) {
			if (workflow.webhookId === webhookId) this.workflows.delete(workflow.id);
		}
	}

	addWorkflow(input: { name: string; event: WebhookEvent; webhookId: string; id?: number }): { id: number } {
		if (!WEBHOOK_EVENTS.includes(input.event)) throw new Error(`unknown event ${input.event}; one of ${WEBHOOK_EVENTS.join(', ')}`);
		this.known(input.webhookId);
		if (typeof input.name !== 'string' || input.name === '') throw new Error('workflow name is required');
		if (input.id !== undefined && !(Number.isInteger(input.id) && input.id > 0)) throw new Error('workflow id must be a positive integer');
		if (input.id !== undefined && this.workflows.has(input.id)) throw new Error(`workflow ${input.id} already exists`);
		const id = input.id ?? Math.max(FIRST_WORKFLOW_ID - 1, ...this.workflows.keys()) + 1;
		this.workflows.set(id, { id, name: input.name, event: input.event, webhookId: input.webhookId });
		return { id };
	}

	removeWorkflow(workflowId: number): void {
		if (!this.workflows.delete(workflowId)) throw new Error(`unknown workflow ${workflowId}`);
	}

	list(): { webhooks: WebhookInfo[]; workflows: WorkflowInfo[] } {
		return {
			webhooks: [...this.webhooks.values()].map(({ id, name, url, secret }) => ({ id, name, url, hasSecret: secret !== undefined })),
			workflows: [...this.workflows.values()].map((workflow) => ({ ...workflow })),
		};
	}

	fire(event: WebhookEvent, options: WebhookFireOptions = {}): FiredDelivery[] {
		if (!WEBHOOK_EVENTS.includes(event)) throw new Error(`unknown event ${event}; one of ${WEBHOOK_EVENTS.join(', ')}`);
		const faults = options.faults && checkFaults(options.faults);
		const workflows = this.workflowsFor(event, options.workflowId);
		const payload = this.onDemandPayload(event, options);
		return workflows.map((workflow) => this.deliver(event, workflow, 'manual', payload, faults));
	}

	sendTest(webhookId: string, options: WebhookTestOptions = {}): FiredDelivery {
		const webhook = this.known(webhookId);
		const faults = options.faults && checkFaults(options.faults);
		const workflow = options.workflowId === undefined ? undefined : this.workflows.get(options.workflowId);
		if (options.workflowId !== undefined && !workflow) throw new Error(`unknown workflow ${options.workflowId}`);
		const event = options.event ?? workflow?.event ?? 'newContact';
		if (!WEBHOOK_EVENTS.includes(event)) throw new Error(`unknown event ${event}; one of ${WEBHOOK_EVENTS.join(', ')}`);
		const envelope: Envelope = {
			id: envelopeId(this.communityId, workflow?.id ?? 0, 'test'),
			type: event,
			source: { type: 'workflow', id: workflow?.id ?? 0, name: 'Test payload' },
			payload: sampleContactPayload(this.communityId),
		};
		return this.send(webhook, envelope, workflow?.id ?? null, true, faults);
	}

	/** Called by the Common Room service after a write is stored; builds payloads only when a workflow listens. */
	onApiEvent(event: CommonRoomEvent): void {
		const key: WebhookEvent = event.kind === 'contactCreated' ? 'newContact' : 'newActivity';
		const workflows = this.workflowsFor(key);
		if (workflows.length === 0) return;
		const payload =
			event.kind === 'contactCreated'
				? contactPayload(event.contact, this.communityId)
				: activityPayload(event.activity, event.contact, this.communityId);
		for (const workflow of workflows) this.deliver(key, workflow, 'api', payload, undefined);
	}

	deliveries() {
		return this.deliverer.entries();
	}

	clearDeliveries(): void {
		this.deliverer.clearLog();
	}

	inFlight(): number {
		return this.deliverer.inFlight();
	}

	idle(timeoutMs?: number): Promise<boolean> {
		return this.deliverer.idle(timeoutMs);
	}

	setFaults(faults: WebhookFault[], count = 1): void {
		if (!(Number.isInteger(count) && count > 0)) throw new Error('count must be a positive integer');
		this.queuedFaults.push({ faults: [...checkFaults(faults)], remaining: count });
	}

	clearFaults(): void {
		this.queuedFaults = [];
	}

	pendingFaults(): PendingWebhookFaults[] {
		return this.queuedFaults.map((entry) => ({ faults: [...entry.faults], remaining: entry.remaining }));
	}

	/** Cancels pending retries and open requests (stop()). */
	stop(): void {
		this.deliverer.cancel();
	}

	private webhook(id: string, input: { url: string; secret?: string; name?: string }): Webhook {
		if (typeof id !== 'string' || id === '') throw new Error('webhook id must be a non-empty string');
		// The control endpoints' own words (/__emulator/webhooks/faults ...) cannot be webhook ids.
		if (RESERVED_IDS.includes(id)) throw new Error(`webhook id ${id} is reserved; choose another`);
		const url = checkWebhookUrl(input.url, this.deliverer.policy.allowRemoteHosts);
		// An empty secret is no secret: Settings > Webhooks makes it optional (webhooks ref "Setup").
		return { id, name: input.name ?? id, url, secret: input.secret === '' ? undefined : input.secret };
	}

	private known(webhookId: string): Webhook {
		const webhook = this.webhooks.get(webhookId);
		if (!webhook) throw new Error(`unknown webhook ${webhookId}`);
		return webhook;
	}

	private workflowsFor(event: WebhookEvent, workflowId?: number): WorkflowInfo[] {
		if (workflowId === undefined) return [...this.workflows.values()].filter((workflow) => workflow.event === event);
		const workflow = this.workflows.get(workflowId);
		if (!workflow) throw new Error(`unknown workflow ${workflowId}`);
		if (workflow.event !== event) throw new Error(`workflow ${workflowId} serves ${workflow.event}, not ${event}`);
		return [workflow];
	}

	private onDemandPayload(event: WebhookEvent, options: WebhookFireOptions): Record<string, unknown> {
		if (options.contactEmail !== undefined) {
			if (event === 'newOrganization' || event === 'newActivity') throw new Error(`contactEmail does not apply to ${event}`);
			const contact = this.store().findContactsByEmail(options.contactEmail)[0];
			if (!contact) throw new Error(`no stored contact with email ${options.contactEmail}`);
			return { ...contactPayload(contact, this.communityId), ...options.payload };
		}
		if (options.payload !== undefined) return { type: PAYLOAD_TYPES[event], ...options.payload };
		return samplePayload(event, this.communityId);
	}

	private deliver(
		event: WebhookEvent,
		workflow: WorkflowInfo,
		provider: 'api' | 'manual',
		payload: Record<string, unknown>,
		faults: WebhookFault[] | undefined,
	): FiredDelivery {
		const envelope: Envelope = {
			id: envelopeId(this.communityId, workflow.id, provider),
			type: event,
			source: { type: 'workflow', id: workflow.id, name: workflow.name },
			payload: structuredClone(payload),
		};
		return this.send(this.known(workflow.webhookId), envelope, workflow.id, false, faults);
	}

	private send(webhook: Webhook, envelope: Envelope, workflowId: number | null, test: boolean, given: WebhookFault[] | undefined): FiredDelivery {
		const faults = given ?? this.takeQueuedFaults();
		const fired: FiredDelivery = { envelopeId: envelope.id, event: envelope.type, workflowId, webhookId: webhook.id };
		this.deliverer.send({ ...fired, url: webhook.url, secret: webhook.secret, test, faults, body: deliveryBody(envelope, faults) });
		return fired;
	}

	private takeQueuedFaults(): WebhookFault[] {
		const next = this.queuedFaults[0];
		if (!next) return [];
		next.remaining -= 1;
		if (next.remaining <= 0) this.queuedFaults.shift();
		return [...next.faults];
	}
}

/** Known names, at most one secret fault and one body fault (they would contradict each other). */
export function checkFaults(faults: unknown): WebhookFault[] {
	if (!Array.isArray(faults)) throw new Error('faults must be an array');
	for (const fault of faults) {
		if (!FAULTS.includes(fault as WebhookFault)) throw new Error(`unknown webhook fault ${String(fault)}; one of ${FAULTS.join(', ')}`);
	}
	const list = faults as WebhookFault[];
	if (list.filter((f) => f === 'wrongSecret' || f === 'noSecret').length > 1) throw new Error('use one of wrongSecret, noSecret');
	if (list.filter((f) => f === 'notJson' || f === 'array' || f === 'noPayload').length > 1) {
		throw new Error('use one of notJson, array, noPayload');
	}
	return [...new Set(list)];
}
