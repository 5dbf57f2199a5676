// Control endpoints under /__emulator (JSON, no auth) so another process — n8n in the e2e tests,
// the demo — can drive the emulator. Documented in emulator/README.md "Control endpoints".
import { z } from 'zod';
import { bulkSchema, type BulkInput, type BulkResult } from './commonroom/v2/bulk';
import { routeWebhooks, webhookConfigSchema } from './controlWebhooks';
import { parseJson, type ApiResponse } from './http';
import type { PendingFault } from './faults';
import { customFieldSchema, type CustomFieldDefinition } from './seed';
import type { ControlHandler } from './server';
import type { EmulatorOptions, EmulatorWebhooks, FaultSpec, FaultTarget, RequestLogEntry } from './types';

/** What the control endpoints need from the running emulator. */
export interface ControlTarget {
	info(): Record<string, unknown>;
	reset(seed?: unknown): void;
	configure(options: Partial<EmulatorOptions>): void;
	injectFaults(target: FaultTarget, ...faults: FaultSpec[]): void;
	clearFaults(): void;
	pendingFaults(): PendingFault[];
	stateSnapshot(): Record<string, unknown>;
	log(): RequestLogEntry[];
	clearLog(): void;
	restart(downMs?: number): Promise<void>;
	webhooks: EmulatorWebhooks;
	/** Many Common Room contacts at once (v2 paging tests). */
	commonRoomBulk(input: BulkInput): BulkResult;
	/** A workspace admin adds a Common Room custom field. */
	addCommonRoomCustomField(field: z.infer<typeof newCustomFieldSchema>): CustomFieldDefinition;
}

const newCustomFieldSchema = customFieldSchema
	.omit({ id: true })
	.extend({ multivalue: z.boolean().default(false) })
	.refine((field) => field.type !== 'enum' || (field.values?.length ?? 0) > 0, { message: 'an enum field needs values' });

const faultCommon = {
	count: z.number().int().positive().optional(),
	method: z.string().optional(),
	pathIncludes: z.string().optional(),
	every: z.number().int().positive().optional(),
	durationMs: z.number().int().positive().optional(),
};

export const faultSpecSchema = z.discriminatedUnion('kind', [
	z.object({
		...faultCommon,
		kind: z.literal('status'),
		status: z.union([z.literal(400), z.literal(429), z.literal(500), z.literal(502), z.literal(503)]),
		afterProcessing: z.boolean().optional(),
		rateLimitHeaders: z.boolean().optional(),
		retryAfterMs: z.number().int().nonnegative().optional(),
	}),
	z.object({ ...faultCommon, kind: z.literal('resetBeforeProcessing') }),
	z.object({ ...faultCommon, kind: z.literal('resetAfterProcessing') }),
	z.object({ ...faultCommon, kind: z.literal('hang'), afterProcessing: z.boolean().optional() }),
	z.object({ ...faultCommon, kind: z.literal('slow'), delayMs: z.number().int().nonnegative() }),
]);

const faultsBodySchema = z.object({
	target: z.enum(['commonRoom', 'teamCommonGround', 'any']).default('any'),
	faults: z.array(faultSpecSchema).min(1),
});

export const configBodySchema = z
	.object({
		commonRoom: z
			.object({
				ratePerSecond: z.number().positive().nullable().optional(),
				burst: z.number().int().positive().optional(),
				sendRateLimitHeaders: z.boolean().optional(),
			})
			.strict()
			.optional(),
		teamCommonGround: z
			.object({ perMinute: z.number().positive().nullable().optional(), sendRateLimitHeaders: z.boolean().optional() })
			.strict()
			.optional(),
		latency: z.object({ fixedMs: z.number().nonnegative(), jitterMs: z.number().nonnegative() }).nullable().optional(),
		quiet: z.boolean().optional(),
		webhooks: webhookConfigSchema.optional(),
	})
	.strict();

const resetBodySchema = z.object({ seed: z.union([z.string(), z.record(z.unknown())]).optional() }).strict();
const restartBodySchema = z.object({ downMs: z.number().int().nonnegative().optional() }).strict();

type Outcome = { response: ApiResponse; afterResponse?: () => void };

export function createControlHandler(target: ControlTarget): ControlHandler {
	return async (method, path, query, rawBody) => {
		try {
			if (path === '/webhooks' || path.startsWith('/webhooks/')) {
				const outcome = await routeWebhooks(target.webhooks, method, path, query, (schema) => optionalBody(rawBody, schema));
				return outcome ? { response: outcome } : fail(404, `no control endpoint ${method} /__emulator${path}`);
			}
			return route(target, `${method} ${path}`, query, rawBody);
		} catch (error) {
			return fail(400, (error as Error).message);
		}
	};
}

function route(target: ControlTarget, call: string, query: URLSearchParams, rawBody: Buffer): Outcome {
	switch (call) {
		case 'GET /health':
			return ok({ ok: true });
		case 'GET /info':
			return ok(target.info());
		case 'POST /reset': {
			const body = optionalBody(rawBody, resetBodySchema);
			target.reset(body.seed);
			return ok({ ok: true });
		}
		case 'POST /faults': {
			const body = requiredBody(rawBody, faultsBodySchema);
			target.injectFaults(body.target, ...(body.faults as FaultSpec[]));
			return ok({ ok: true, pending: target.pendingFaults() });
		}
		case 'GET /faults':
			return ok({ pending: target.pendingFaults() });
		case 'DELETE /faults':
			target.clearFaults();
			return ok({ ok: true });
		case 'POST /config': {
			const body = requiredBody(rawBody, configBodySchema);
			target.configure(body as Partial<EmulatorOptions>);
			return ok({ ok: true, ...target.info() });
		}
		case 'POST /commonRoom/bulk':
			return ok({ ok: true, ...target.commonRoomBulk(requiredBody(rawBody, bulkSchema)) });
		case 'POST /commonRoom/customFields':
			return ok({ ok: true, field: target.addCommonRoomCustomField(requiredBody(rawBody, newCustomFieldSchema)) });
		case 'GET /state':
			return ok(target.stateSnapshot());
		case 'GET /log': {
			const service = query.get('service');
			const entries = target.log().filter((entry) => !service || entry.service === service);
			return ok({ count: entries.length, entries });
		}
		case 'DELETE /log':
			target.clearLog();
			return ok({ ok: true });
		case 'POST /restart': {
			// Answer first; the restart closes every connection, this one included.
			const body = optionalBody(rawBody, restartBodySchema);
			return {
				response: { status: 202, body: { ok: true, downMs: body.downMs ?? 0 } },
				afterResponse: () => void target.restart(body.downMs).catch((error) => console.error('[emulator] restart failed:', error)),
			};
		}
		default:
			return fail(404, `no control endpoint ${call.replace(' ', ' /__emulator')}`);
	}
}

function ok(body: unknown): Outcome {
	return { response: { status: 200, body } };
}

function fail(status: number, message: string): Outcome {
	return { response: { status, body: { error: message } } };
}

function requiredBody<T>(raw: Buffer, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T {
	const json = parseJson(raw);
	if (!json.ok) throw new Error(json.error);
	const parsed = schema.safeParse(json.value);
	if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
	return parsed.data;
}

function optionalBody<T>(raw: Buffer, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T {
	return requiredBody(raw.length === 0 ? Buffer.from('{}') : raw, schema);
}
