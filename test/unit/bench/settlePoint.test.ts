import { settlePoint } from '../../../bench/measure';

describe('bench settlePoint (issue 8: seconds until the rate stays within 10 % of the limit)', () => {
	const limit = 10;

	it('settles where every later 2 s span is within the band', () => {
		const accepted = [18, 9, 10, 10, 9, 10, 10, 10];
		const sent = [20, 9, 10, 10, 9, 10, 10, 10];
		expect(settlePoint(accepted, sent, limit)).toEqual({ settleSeconds: 1, band: [9, 11], windowsAfter: 7 });
	});

	it('is not fooled by one request that crossed a window boundary (8 then 12) over 2 s spans, but is over 1 s spans', () => {
		const accepted = [18, 9, 10, 10, 10, 8, 12, 10, 10];
		const sent = [20, 9, 10, 10, 10, 8, 12, 10, 10];
		expect(settlePoint(accepted, sent, limit).settleSeconds).toBe(1);
		expect(settlePoint(accepted, sent, limit, 0.1, 1).settleSeconds).toBe(7);
	});

	it('does not count a 429 storm as settled: the server accepts L, but more are sent', () => {
		const accepted = [10, 10, 10, 10, 10, 10];
		const sent = [10, 10, 10, 14, 15, 14];
		expect(settlePoint(accepted, sent, limit).settleSeconds).toBeNull();
	});

	it('does not count a rate that stays 20 % under the limit as settled', () => {
		const accepted = [8, 8, 8, 8, 8, 8];
		expect(settlePoint(accepted, accepted, limit).settleSeconds).toBeNull();
	});

	it('a late overshoot moves the settle point past it', () => {
		const accepted = [10, 10, 10, 10, 10, 10, 10, 10];
		const sent = [10, 10, 10, 13, 13, 10, 10, 10];
		expect(settlePoint(accepted, sent, limit).settleSeconds).toBe(5);
	});
});
