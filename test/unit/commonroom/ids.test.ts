import { ACTIVITY_ID_PREFIX, contactUserId, deriveActivityId } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/ids';

describe('deterministic ids', () => {
	it('the contact id is the normalised email', () => {
		expect(contactUserId('jane@example.com')).toBe('jane@example.com');
	});

	const parts = {
		sourceId: '12345',
		email: 'jane@example.com',
		activityType: 'signed_up',
		occurredAt: '2026-01-02T03:04:05.000Z',
		content: 'hello',
	};

	it('the activity id is stable, prefixed and 128 bits of SHA-256', () => {
		const id = deriveActivityId(parts);
		expect(id).toMatch(new RegExp(`^${ACTIVITY_ID_PREFIX}[0-9a-f]{32}$`));
		expect(deriveActivityId({ ...parts })).toBe(id);
		// Pinned: changing the recipe would make every re-run create new activities.
		expect(id).toBe('n8n-251198084fb977c84330508957eb3030');
		expect(id).toBe(deriveActivityId({ ...parts, parentId: undefined }));
	});

	it('changes with each input that identifies the activity', () => {
		const id = deriveActivityId(parts);
		for (const change of [
			{ sourceId: '23456' },
			{ email: 'john@example.com' },
			{ activityType: 'purchased' },
			{ occurredAt: '2026-01-02T03:04:06.000Z' },
			{ content: 'hello!' },
			{ parentId: 'n8n-abc' },
		]) {
			expect(deriveActivityId({ ...parts, ...change })).not.toBe(id);
		}
	});

	it('without occurred-at it is still the same on every run (no "now" inside)', async () => {
		const first = deriveActivityId({ ...parts, occurredAt: undefined });
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(deriveActivityId({ ...parts, occurredAt: undefined })).toBe(first);
	});

	it('fields cannot bleed into each other', () => {
		expect(deriveActivityId({ ...parts, email: 'a', activityType: 'b,c' })).not.toBe(
			deriveActivityId({ ...parts, email: 'a,b', activityType: 'c' }),
		);
	});
});
