// Control endpoints for Common Room's webhooks, under /__emulator/webhooks, so n8n end-to-end
// tests and scripts in another process can drive them. Documented in emulator/README.md "Webhooks".
import { z } from 'zod';
import { WEBHOOK_EVENTS } from './commonroom/webhookPayloads';
import type { EmulatorWebhooks, WebhookFault } from './types';

const faultsSchema = z.array(z.enum(['wrongSecret', 'noSecret', 'repeat', 'notJson', 'array', 'noPayload']));
const event = z.enum(WEBHOOK_EVENTS);
const workflowId = z.number().int().positive();

export const webhookConfigSchema = z
	.object({
		retryDelaysMs: z.array(z.number().int().nonnegative()).max(20).optional(),
		timeoutMs: z.number().int().positive().optional(),
		allowRemoteHosts: z.boolean().optional(),
	})
	.strict();

const registerSchema = z
	.object({ url: z.string(), secret: z.string().optional(), name: z.string().optional(), id: z.string().min(1).optional() })
	.strict();
const workflowSchema = z.object({ name: z.string().min(1), event, webhookId: z.string().min(1), id: workflowId.optional() }).strict();
const fireSchema = z
	.object({
		event,
		payload: z.record(z.unknown()).optional(),
		contactEmail: z.string().optional(),
		workflowId: workflowId.optional(),
		faults: faultsSchema.optional(),
	})
	.strict();
const testSchema = z.object({ event: event.optional(), workflowId: workflowId.optional(), faults: faultsSchema.optional() }).strict();
const setFaultsSchema = z.object({ faults: faultsSchema, count: z.number().int().positive().optional() }).strict();

/** Parses a body (empty = `{}`) with a schema; throws an Error the control handler turns into a 400. */
export type BodyReader = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) => T;

export interface WebhookOutcome {
	status: number;
	body: unknown;
}

/** Answers `<METHOD> /webhooks...`; undefined = no such endpoint. */
export async function routeWebhooks(
	webhooks: EmulatorWebhooks,
	method: string,
	path: string,
	query: URLSearchParams,
	read: BodyReader,
): Promise<WebhookOutcome | undefined> {
	const ok = (body: unknown): WebhookOutcome => ({ status: 200, body });
	const segments = path.split('/').filter(Boolean).map(decodeURIComponent); // ['webhooks', ...]
	const [, first, second] = segments;
	const call = `${method} ${segments.length}`;

	if (call === 'GET 1') return ok({ ...webhooks.list(), inFlight: webhooks.inFlight(), faults: webhooks.pendingFaults() });
	if (call === 'POST 1') return ok(webhooks.register(read(registerSchema)));
	if (first === 'workflows') {
		if (call === 'POST 2') return ok(webhooks.addWorkflow(read(workflowSchema)));
		if (call === 'DELETE 3') {
			webhooks.removeWorkflow(Number(second));
			return ok({ ok: true });
		}
		return undefined;
	}
	if (first === 'fire' && call === 'POST 2') {
		const { event: key, ...options } = read(fireSchema);
		const deliveries = webhooks.fire(key, { ...options, faults: options.faults as WebhookFault[] | undefined });
		return ok({ deliveries });
	}
	if (first === 'deliveries') {
		if (call === 'DELETE 2') {
			webhooks.clearDeliveries();
			return ok({ ok: true });
		}
		if (call !== 'GET 2') return undefined;
		// Filters: ?envelopeId=, ?webhookId=, ?event=.
		const filters = ['envelopeId', 'webhookId', 'event'] as const;
		const entries = webhooks.deliveries().filter((entry) => filters.every((f) => !query.get(f) || String(entry[f]) === query.get(f)));
		return ok({ count: entries.length, inFlight: webhooks.inFlight(), entries });
	}
	if (first === 'idle' && call === 'GET 2') {
		// Waits (default 10 s, at most 60 s) for no delivery in flight or pending retry.
		const timeoutMs = Math.min(Number(query.get('timeoutMs') ?? 10_000) || 0, 60_000);
		const idle = await webhooks.idle(timeoutMs);
		return ok({ idle, inFlight: webhooks.inFlight() });
	}
	if (first === 'faults') {
		if (call === 'GET 2') return ok({ pending: webhooks.pendingFaults() });
		if (call === 'DELETE 2') {
			webhooks.clearFaults();
			return ok({ ok: true });
		}
		if (call === 'POST 2') {
			const body = read(setFaultsSchema);
			webhooks.setFaults(body.faults as WebhookFault[], body.count);
			return ok({ ok: true, pending: webhooks.pendingFaults() });
		}
		return undefined;
	}
	if (first !== undefined && call === 'DELETE 2') {
		webhooks.remove(first);
		return ok({ ok: true });
	}
	if (first !== undefined && second === 'test' && call === 'POST 3') {
		const options = read(testSchema);
		return ok(webhooks.sendTest(first, { ...options, faults: options.faults as WebhookFault[] | undefined }));
	}
	return undefined;
}
