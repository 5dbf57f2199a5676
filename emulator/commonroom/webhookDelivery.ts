// Sends webhook deliveries: one POST per attempt, retried on anything but 2xx, logged per attempt.
// Common Room documents no retry policy (webhooks ref "Setup": "Retries, ordering and delivery
// guarantees are not documented"); ours is in README "Choices", webhook retries.
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { WebhookDeliveryLogEntry, WebhookDeliveryOptions, WebhookFault, FiredDelivery } from '../types';

// webhooks ref "Setup": the secret is sent verbatim in this header.
export const SECRET_HEADER = 'x-commonroom-webhook-secret';
const WRONG_SECRET = 'emulator-wrong-secret';
const LOG_CAP = 10_000;

export interface DeliveryPolicy {
	retryDelaysMs: number[];
	timeoutMs: number;
	allowRemoteHosts: boolean;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { retryDelaysMs: [1000, 2000, 4000], timeoutMs: 10_000, allowRemoteHosts: false };

/** One event for one webhook, as it leaves: the body is fixed, so every retry and copy sends the same bytes and id. */
export interface DeliveryJob extends FiredDelivery {
	url: string;
	secret: string | undefined;
	test: boolean;
	faults: WebhookFault[];
	body: string;
}

interface AttemptResult {
	status: number | null;
	error: string | null;
}

export class WebhookDeliverer {
	policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, retryDelaysMs: [...DEFAULT_DELIVERY_POLICY.retryDelaysMs] };
	private log: WebhookDeliveryLogEntry[] = [];
	/** Deliveries not yet finished; cancel() empties it, so a cancelled one's late callbacks see it gone. */
	private readonly running = new Set<symbol>();
	private readonly sleeps = new Map<NodeJS.Timeout, (completed: boolean) => void>();
	private readonly requests = new Set<ClientRequest>();
	private readonly idleWaiters = new Set<() => void>();

	configure(options: WebhookDeliveryOptions): void {
		const delays = options.retryDelaysMs;
		if (delays !== undefined && (!Array.isArray(delays) || delays.length > 20 || !delays.every((d) => Number.isInteger(d) && d >= 0))) {
			throw new Error('webhooks.retryDelaysMs must be at most 20 non-negative integers');
		}
		if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0)) {
			throw new Error('webhooks.timeoutMs must be a positive integer');
		}
		if (delays !== undefined) this.policy.retryDelaysMs = [...delays];
		if (options.timeoutMs !== undefined) this.policy.timeoutMs = options.timeoutMs;
		if (options.allowRemoteHosts !== undefined) this.policy.allowRemoteHosts = options.allowRemoteHosts;
	}

	/** Starts the delivery on a later tick: the API call that caused it answers without waiting. */
	send(job: DeliveryJob): void {
		const token = Symbol(job.envelopeId);
		this.running.add(token);
		void this.run(job, token).finally(() => {
			if (this.running.delete(token)) this.notifyIfIdle();
		});
	}

	inFlight(): number {
		return this.running.size;
	}

	idle(timeoutMs?: number): Promise<boolean> {
		if (this.running.size === 0) return Promise.resolve(true);
		return new Promise((resolve) => {
			let timer: NodeJS.Timeout | undefined;
			const done = () => {
				clearTimeout(timer);
				this.idleWaiters.delete(done);
				resolve(true);
			};
			this.idleWaiters.add(done);
			if (timeoutMs !== undefined) {
				timer = setTimeout(() => {
					this.idleWaiters.delete(done);
					resolve(false);
				}, timeoutMs);
			}
		});
	}

	entries(): WebhookDeliveryLogEntry[] {
		return this.log.map((entry) => ({ ...entry, faults: [...entry.faults] }));
	}

	clearLog(): void {
		this.log = [];
	}

	/** Drops every pending retry and aborts open requests (reset, stop); waiters of idle() resolve. */
	cancel(): void {
		this.running.clear();
		for (const [timer, wake] of this.sleeps) {
			clearTimeout(timer);
			wake(false);
		}
		this.sleeps.clear();
		for (const req of this.requests) req.destroy();
		this.requests.clear();
		this.notifyIfIdle();
	}

	private async run(job: DeliveryJob, token: symbol): Promise<void> {
		if (!(await this.sleep(0))) return;
		const copies: Array<1 | 2> = job.faults.includes('repeat') ? [1, 2] : [1];
		for (const copy of copies) {
			for (let attempt = 1; ; attempt++) {
				const startedMs = Date.now();
				const result = await this.post(job);
				if (!this.running.has(token)) return; // cancelled meanwhile: log nothing more
				const ok = result.status !== null && result.status >= 200 && result.status < 300;
				const delay = ok ? undefined : this.policy.retryDelaysMs[attempt - 1];
				this.record({
					envelopeId: job.envelopeId,
					event: job.event,
					workflowId: job.workflowId,
					webhookId: job.webhookId,
					url: job.url,
					test: job.test,
					attempt,
					copy,
					...result,
					startedAt: new Date(startedMs).toISOString(),
					durationMs: Date.now() - startedMs,
					willRetry: delay !== undefined,
					faults: [...job.faults],
				});
				if (delay === undefined) break; // delivered, or out of retries
				if (!(await this.sleep(delay)) || !this.running.has(token)) return;
			}
		}
	}

	/** One attempt; never rejects. Redirects are not followed: a 3xx is a failed attempt. */
	private post(job: DeliveryJob): Promise<AttemptResult> {
		return new Promise((resolve) => {
			const url = new URL(job.url);
			const headers: Record<string, string> = {
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(job.body)),
				'user-agent': 'commonroom-webhook-emulator',
			};
			const secret = secretToSend(job);
			if (secret !== undefined) headers[SECRET_HEADER] = secret;
			let settled = false;
			const finish = (result: AttemptResult) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				this.requests.delete(req);
				resolve(result);
			};
			// agent: false — a fresh socket per attempt, closed after it, so stop() leaves no handle behind.
			const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
			const req = send(url, { method: 'POST', headers, agent: false }, (res) => {
				res.on('error', () => finish({ status: res.statusCode ?? null, error: 'answer cut off' }));
				res.on('end', () => finish({ status: res.statusCode ?? null, error: null }));
				res.resume();
			});
			const timer = setTimeout(() => {
				finish({ status: null, error: `timeout after ${this.policy.timeoutMs} ms` });
				req.destroy();
			}, this.policy.timeoutMs);
			req.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, error: error.code ?? error.message }));
			this.requests.add(req);
			req.end(job.body);
		});
	}

	/** Resolves true after ms, false when cancel() cuts it short. */
	private sleep(ms: number): Promise<boolean> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.sleeps.delete(timer);
				resolve(true);
			}, ms);
			this.sleeps.set(timer, resolve);
		});
	}

	private record(entry: WebhookDeliveryLogEntry): void {
		this.log.push(entry);
		if (this.log.length > LOG_CAP) this.log.splice(0, this.log.length - LOG_CAP);
	}

	private notifyIfIdle(): void {
		if (this.running.size > 0) return;
		for (const waiter of [...this.idleWaiters]) waiter();
	}
}

/** The header value: the secret, none (`noSecret`, or no secret set), or a wrong one (`wrongSecret`, sent even without a secret). */
function secretToSend(job: DeliveryJob): string | undefined {
	if (job.faults.includes('noSecret')) return undefined;
	if (job.faults.includes('wrongSecret')) return job.secret === WRONG_SECRET ? `${WRONG_SECRET}-2` : WRONG_SECRET;
	return job.secret;
}

/** Loopback only unless allowed otherwise: a test's receivers, never the internet by accident (README "Choices", webhook URLs). */
export function checkWebhookUrl(raw: string, allowRemoteHosts: boolean): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new Error(`webhook url ${JSON.stringify(raw)} is not an absolute URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`webhook url must be http(s), got ${url.protocol}`);
	const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
	if (!loopback && !allowRemoteHosts) {
		throw new Error(`webhook url host ${host} is not loopback (set webhooks.allowRemoteHosts to allow it)`);
	}
	return url.toString();
}
