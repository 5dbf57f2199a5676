/**
 * apiRequest against the emulator's real rate limits (token buckets per credential), over real
 * HTTP and real time. Kept short: a few seconds each.
 */
import { startEmulator, type Emulator } from '../../../emulator';
import { getLimiter, resetLimiters } from '../../../packages/shared/transport/limiterRegistry';
import { SERVICES } from '../../services';
import { runProbe, type ProbeCall } from './probe';

describe('apiRequest against the emulator’s rate limits', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await emulator.stop();
	});
	beforeEach(() => {
		resetLimiters();
		emulator.reset();
	});

	const target = () => ({ commonRoomBaseUrl: emulator.commonRoomBaseUrl, teamCommonGroundBaseUrl: emulator.teamCommonGroundBaseUrl });
	const secrets = () => ({ cr: emulator.tokens.commonRoom, tcg: emulator.tokens.teamCommonGround });
	const statuses = () => emulator.log().map((entry) => entry.status);

	it('Common Room at 20/s: 40 concurrent reads are paced, none is turned away', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 20, sendRateLimitHeaders: true } });
		const calls: ProbeCall[] = Array.from({ length: 40 }, () => ({ service: 'commonRoom', method: 'GET', path: '/activityTypes', idempotent: true }));
		const started = Date.now();
		const run = await runProbe(target(), calls, secrets());
		expect(run.output('Probe').map((item) => item.json.statusCode)).toEqual(Array(40).fill(200));
		expect(statuses().filter((status) => status === 429)).toHaveLength(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	it('Common Room at an unannounced 10/s (headers off): every request ends up accepted, 429s stay internal', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 10, sendRateLimitHeaders: false } });
		const calls: ProbeCall[] = Array.from({ length: 40 }, () => ({
			service: 'commonRoom',
			method: 'GET',
			path: '/activityTypes',
			idempotent: true,
			settings: { retryBaseDelayMs: 200 },
		}));
		const run = await runProbe(target(), calls, secrets());
		expect(run.output('Probe').map((item) => item.json.statusCode)).toEqual(Array(40).fill(200));
		// The 429s that taught the limiter the limit, not a storm.
		expect(statuses().filter((status) => status === 429).length).toBeLessThan(20);
	});

	it('Team Common Ground at 120/min: learns the limit from the first answer and creates every activity', async () => {
		emulator.configure({ teamCommonGround: { perMinute: 120, sendRateLimitHeaders: true } });
		const before = emulator.state.teamCommonGround.activities().length;
		const calls: ProbeCall[] = Array.from({ length: 5 }, (_, i) => ({
			service: 'teamCommonGround',
			method: 'POST',
			path: '/activities',
			idempotent: false,
			body: { type: 'note', source: 'n8n-test', message: `note ${i}` },
		}));
		const started = Date.now();
		const run = await runProbe(target(), calls, secrets());
		const elapsed = Date.now() - started;
		expect(run.output('Probe').map((item) => item.json.statusCode)).toEqual(Array(5).fill(201));
		expect(emulator.state.teamCommonGround.activities()).toHaveLength(before + 5);
		// Paced at 2/s once learned (≈ 2 s for 5), not at the cautious 1/s start (≈ 4 s).
		const limiter = getLimiter(SERVICES.teamCommonGround, emulator.teamCommonGroundBaseUrl, emulator.tokens.teamCommonGround);
		expect(limiter.snapshot()).toMatchObject({ ceilingPerSecond: 2, limitLearned: true });
		expect(elapsed).toBeGreaterThanOrEqual(1500);
		expect(elapsed).toBeLessThan(3800);
	});
});
