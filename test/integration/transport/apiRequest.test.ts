/**
 * apiRequest over real HTTP: a tiny node runs inside n8n-core's WorkflowExecute (test/engine.ts),
 * so `this` is n8n's real ExecuteContext and every request goes through n8n's real
 * httpRequestWithAuthentication and axios to a scripted server on loopback.
 */
import { inspect } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import type { ApiRequestSettings } from '../../../packages/shared/transport';
import { resetLimiters } from '../../../packages/shared/transport/limiterRegistry';
import { CR_TOKEN, TCG_KEY, caughtErrors, logLines, runProbe, type ProbeCall } from './probe';
import { freePort, startScriptedServer, type Reply, type ScriptedServer } from './scriptedServer';

const fast: ApiRequestSettings & IDataObject = { retryBaseDelayMs: 50 };

function noSecretIn(text: string): void {
	expect(text).not.toContain(CR_TOKEN);
	expect(text).not.toContain(TCG_KEY);
}

describe('apiRequest over real HTTP (n8n-core engine, loopback server)', () => {
	let server: ScriptedServer | undefined;

	beforeEach(() => resetLimiters());
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	it('sends the credential as a Bearer header to baseUrl + path (trailing slash stripped)', async () => {
		server = await startScriptedServer(() => ({ status: 200, body: { communityName: 'Uncommon' } }));
		const run = await runProbe(server, [{ service: 'commonRoom', method: 'GET', path: '/api-token-status', idempotent: true }]);
		expect(run.output('Probe')[0].json).toMatchObject({ statusCode: 200, body: { communityName: 'Uncommon' } });
		expect(server.seen[0].path).toBe('/community/v1/api-token-status');
		expect(server.seen[0].headers.authorization).toBe(`Bearer ${CR_TOKEN}`);
	});

	it("429 (Team Common Ground, Retry-After: 1): waits the server's time, then succeeds; the retry is logged", async () => {
		server = await startScriptedServer((_request, index): Reply =>
			index === 0
				? { status: 429, headers: { 'Retry-After': '1', 'X-RateLimit-Limit': '120', 'X-RateLimit-Remaining': '0' }, body: { error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 1 } }
				: { status: 201, headers: { 'X-RateLimit-Limit': '120', 'X-RateLimit-Remaining': '119' }, body: { status: 'success', activityId: 'a1' } },
		);
		const run = await runProbe(server, [{ service: 'teamCommonGround', method: 'POST', path: '/activities', idempotent: false, body: { type: 'note' } }]);
		expect(run.output('Probe')[0].json).toMatchObject({ statusCode: 201, body: { activityId: 'a1' } });
		expect(server.seen).toHaveLength(2);
		expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(1000);
		expect(logLines()).toContainEqual(expect.stringMatching(/^info Team Common Ground: 429, waiting 1(\.\d)? s \(Retry-After\) before attempt 2\/6 \(item 0\)$/));
	});

	it("429 (Common Room, Retry-After as an ISO date, X-RateLimit-Reset): waits until that time", async () => {
		server = await startScriptedServer((_request, index) => {
			if (index > 0) return { status: 202, body: {} };
			const resetAt = Date.now() + 1000;
			return {
				status: 429,
				headers: { 'Retry-After': new Date(resetAt).toISOString(), 'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)), 'X-RateLimit-Limit': '20', 'X-RateLimit-Remaining': '0' },
				body: { reason: 'rate-limited', rateLimit: { intervalLimit: 20, intervalRemaining: 0, intervalResetSeconds: 1 } },
			};
		});
		const run = await runProbe(server, [{ service: 'commonRoom', method: 'POST', path: '/source/1/user', idempotent: true, body: { id: 'a@b.c' } }]);
		expect(run.output('Probe')[0].json).toMatchObject({ statusCode: 202 });
		expect(server.seen).toHaveLength(2);
		expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(950);
	});

	it('a Team Common Ground create that times out after reaching the server is NOT re-sent', async () => {
		server = await startScriptedServer(() => ({ status: 201, hang: true }));
		const run = await runProbe(server, [
			{ service: 'teamCommonGround', method: 'POST', path: '/activities', idempotent: false, body: { type: 'note' }, settings: { timeoutMs: 300, ...fast }, catch: true },
		]);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(server.seen).toHaveLength(1);
		const { error } = run.output('Probe')[0].json as { error: IDataObject };
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'Team Common Ground did not answer within 0.3 s: this item may or may not have been created',
			itemIndex: 0,
		});
		expect(error.description).toContain('it was not sent again, to avoid creating a duplicate');
	});

	it('a Common Room upsert (idempotent) that times out is re-sent', async () => {
		server = await startScriptedServer((_request, index) => (index === 0 ? { status: 202, hang: true } : { status: 202, body: {} }));
		const run = await runProbe(server, [
			{ service: 'commonRoom', method: 'POST', path: '/source/1/user', idempotent: true, body: { id: 'a@b.c' }, settings: { timeoutMs: 300, ...fast } },
		]);
		expect(run.output('Probe')[0].json).toMatchObject({ statusCode: 202 });
		expect(server.seen).toHaveLength(2);
		expect(logLines()).toContainEqual(expect.stringMatching(/^warn Common Room: no answer before the timeout, waiting /));
	});

	it('a create whose connection is dropped before the answer ("socket hang up") is NOT re-sent', async () => {
		server = await startScriptedServer(() => ({ status: 201, destroy: true }));
		const run = await runProbe(server, [
			{ service: 'teamCommonGround', method: 'POST', path: '/activities', idempotent: false, body: { type: 'note' }, settings: fast, catch: true },
		]);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(server.seen).toHaveLength(1);
		expect((run.output('Probe')[0].json.error as IDataObject).message).toBe(
			'The connection to Team Common Ground dropped before its answer arrived: this item may or may not have been created',
		);
	});

	it('connection refused, then the server comes up: a create is re-sent (nothing had been sent)', async () => {
		const port = await freePort();
		const target = { url: `http://127.0.0.1:${port}` };
		const late = new Promise<ScriptedServer>((resolve) =>
			setTimeout(() => void startScriptedServer(() => ({ status: 201, body: { status: 'success' } }), port).then(resolve), 50),
		);
		const run = await runProbe(target, [
			{ service: 'teamCommonGround', method: 'POST', path: '/activities', idempotent: false, body: { type: 'note' }, settings: { retryBaseDelayMs: 400 } },
		]);
		server = await late;
		expect(run.output('Probe')[0].json).toMatchObject({ statusCode: 201 });
		expect(server.seen).toHaveLength(1);
		expect(logLines()).toContainEqual(expect.stringMatching(/^warn Team Common Ground: connection refused \(nothing was sent\), waiting /));
	});

	it('connection refused for good: a clear error after the attempts', async () => {
		const port = await freePort();
		const run = await runProbe({ url: `http://127.0.0.1:${port}` }, [
			{ service: 'commonRoom', method: 'GET', path: '/tags', idempotent: true, settings: { maxAttempts: 2, retryBaseDelayMs: 20 }, catch: true },
		]);
		expect(run.output('Probe')[0].json.error).toMatchObject({ message: `Could not connect to Common Room at 127.0.0.1:${port}` });
		expect((run.output('Probe')[0].json.error as IDataObject).description).toContain('(ECONNREFUSED) after 2 attempts');
	});

	it('two concurrent executions with one credential share one bucket; another token gets its own', async () => {
		server = await startScriptedServer(() => ({ status: 202, body: {} }));
		const calls = (): ProbeCall[] => Array.from({ length: 20 }, () => ({ service: 'commonRoom' as const, method: 'GET' as const, path: '/tags', idempotent: true }));
		const span = () => Math.max(...server!.seen.map((r) => r.at)) - Math.min(...server!.seen.map((r) => r.at));

		// 40 requests against Common Room's documented 20/s through one shared bucket: ≈ 1.95 s.
		await Promise.all([runProbe(server, calls()), runProbe(server, calls())]);
		expect(server.seen).toHaveLength(40);
		expect(span()).toBeGreaterThanOrEqual(1800);

		// The same load with two different tokens: two buckets, each 20 requests ≈ 0.95 s.
		server.seen.length = 0;
		await Promise.all([runProbe(server, calls(), { cr: 'cr-token-one-111' }), runProbe(server, calls(), { cr: 'cr-token-two-222' })]);
		expect(server.seen).toHaveLength(40);
		expect(span()).toBeLessThan(1700);
		for (const token of ['cr-token-one-111', 'cr-token-two-222']) {
			const own = server.seen.filter((r) => r.headers.authorization === `Bearer ${token}`).map((r) => r.at);
			expect(Math.max(...own) - Math.min(...own)).toBeGreaterThanOrEqual(850); // each bucket still paces at 20/s
		}
		expect(new Set(server.seen.map((r) => r.headers.authorization)).size).toBe(2);
	});

	it("learns Team Common Ground's per-minute limit from X-RateLimit-Limit and speeds up from its cautious start", async () => {
		server = await startScriptedServer(() => ({ status: 201, headers: { 'X-RateLimit-Limit': '1200', 'X-RateLimit-Remaining': '1000' }, body: { status: 'success' } }));
		const calls: ProbeCall[] = Array.from({ length: 8 }, () => ({ service: 'teamCommonGround', method: 'POST', path: '/activities', idempotent: false, body: { type: 'note' } }));
		const started = Date.now();
		await runProbe(server, calls);
		// At the cautious 60/min this would take 7 s; at the learned 1200/min (20/s) well under 2 s.
		expect(Date.now() - started).toBeLessThan(4000);
		expect(server.seen).toHaveLength(8);
	});

	it('acceptStatuses hands a 404 back instead of failing', async () => {
		server = await startScriptedServer(() => ({ status: 404, body: { status: 'not-found' } }));
		const run = await runProbe(server, [{ service: 'commonRoom', method: 'GET', path: '/user/nobody%40example.com', idempotent: true, acceptStatuses: [404] }]);
		expect(run.output('Probe')[0].json).toMatchObject({ statusCode: 404, body: { status: 'not-found' } });
	});

	it("shapes API errors: Common Room 404 on /source/{id}/..., Team Common Ground's INVALID_PAYLOAD and IP_NOT_ALLOWED", async () => {
		server = await startScriptedServer((request) => {
			if (request.path.startsWith('/community/v1/source/')) return { status: 404, body: { status: 'not-found', reason: 'destination source not found' } };
			if ((request.body as IDataObject)?.type === 'note') return { status: 403, body: { error: 'IP not allowed', code: 'IP_NOT_ALLOWED', clientIp: '127.0.0.1' } };
			return { status: 400, body: { error: 'Invalid payload', code: 'INVALID_PAYLOAD', details: ['type is required'] } };
		});
		const run = await runProbe(server, [
			{ service: 'commonRoom', method: 'POST', path: '/source/555/activity', idempotent: true, body: { id: 'x' }, catch: true },
			{ service: 'teamCommonGround', method: 'POST', path: '/activities', idempotent: false, body: {}, catch: true },
			{ service: 'teamCommonGround', method: 'POST', path: '/activities', idempotent: false, body: { type: 'note' }, catch: true },
		]);
		const [notFound, invalid, ipBlocked] = run.output('Probe').map((item) => item.json.error as IDataObject);
		expect(notFound).toMatchObject({ message: 'Common Room does not know Destination Source ID 555', httpCode: '404', itemIndex: 0 });
		expect(notFound.description).toContain('not an API source of this workspace (Settings > Sources > API');
		expect(invalid).toMatchObject({ message: 'Team Common Ground rejected the activity: type is required', httpCode: '400', itemIndex: 1 });
		expect(ipBlocked).toMatchObject({ httpCode: '403', itemIndex: 2 });
		expect(ipBlocked.description).toContain("Add this IP to the key's allow-list in Team Common Ground's integration settings");
		// 4xx are never retried.
		expect(server.seen).toHaveLength(3);
	});

	it('the token appears in no error (as thrown, as n8n stores it) and in no log line', async () => {
		server = await startScriptedServer((request) => ({
			status: 403,
			body: { status: 'forbidden', reason: `token ${String(request.headers.authorization)} is not valid`, echo: request.headers },
		}));
		const run = await runProbe(server, [{ service: 'commonRoom', method: 'GET', path: '/members', idempotent: true }]);
		const workflowError = run.error();
		expect(workflowError?.message).toBe('Common Room rejected the API token (HTTP 403)');
		expect(workflowError?.description).toContain('Settings > API tokens');
		noSecretIn(JSON.stringify(workflowError));
		noSecretIn(JSON.stringify(run.run));

		// Every error any test above caught (timeouts, resets, refused, 4xx): serialised and inspected.
		expect(caughtErrors.length).toBeGreaterThanOrEqual(6);
		for (const error of caughtErrors) {
			noSecretIn(JSON.stringify(error));
			noSecretIn(inspect(error, { depth: 12 }));
			noSecretIn(`${error.message} ${(error as { description?: string }).description ?? ''}`);
		}
		expect(logLines().length).toBeGreaterThan(0);
		noSecretIn(logLines().join('\n'));
	});
});
