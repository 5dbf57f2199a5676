import { createHash } from 'node:crypto';

import {
	getLimiter,
	hashSecret,
	limiterCount,
	limiterKey,
	resetLimiters,
} from '../../../packages/shared/transport/limiterRegistry';
import { SERVICES } from '../../services';

const URL_A = 'https://api.commonroom.io/community/v1';

describe('limiterRegistry', () => {
	beforeEach(() => resetLimiters());

	it('hands every caller with the same service, base URL and secret the same limiter', () => {
		const first = getLimiter(SERVICES.commonRoom, URL_A, 'token-1');
		const second = getLimiter(SERVICES.commonRoom, URL_A, 'token-1');
		expect(second).toBe(first);
		expect(limiterCount()).toBe(1);
	});

	it('keeps separate limiters for another secret, another base URL or another service', () => {
		const base = getLimiter(SERVICES.commonRoom, URL_A, 'token-1');
		expect(getLimiter(SERVICES.commonRoom, URL_A, 'token-2')).not.toBe(base);
		expect(getLimiter(SERVICES.commonRoom, 'http://localhost:5680/community/v1', 'token-1')).not.toBe(base);
		expect(getLimiter(SERVICES.teamCommonGround, URL_A, 'token-1')).not.toBe(base);
		expect(limiterCount()).toBe(4);
	});

	it('keys by a SHA-256 hash of the secret, never the secret itself', () => {
		const key = limiterKey(SERVICES.teamCommonGround, 'https://api.teamcommonground.com/v1', 'tcg-secret-key');
		expect(key).not.toContain('tcg-secret-key');
		expect(key).toContain(createHash('sha256').update('tcg-secret-key').digest('hex'));
		expect(hashSecret('x')).toMatch(/^[0-9a-f]{64}$/);
	});

	it('starts each service at its own documented or cautious rate', () => {
		expect(getLimiter(SERVICES.commonRoom, URL_A, 't').snapshot()).toMatchObject({ ratePerSecond: 20, limitLearned: true });
		const tcg = getLimiter(SERVICES.teamCommonGround, 'https://api.teamcommonground.com/v1', 't').snapshot();
		expect(tcg.ratePerSecond).toBeCloseTo(1);
		expect(tcg.limitLearned).toBe(false);
	});
});
