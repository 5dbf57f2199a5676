/**
 * Contact Get / Delete / Add to Segment, Tags, Segments, Activity Types, Custom Fields and
 * Token in n8n's engine against the emulator.
 */
import { requests, runCommonRoom, SOURCE_ID, useEmulator } from './helpers';

const emulator = useEmulator();

describe('Contact > Get, Delete, Add to Segment', () => {
	it('Get finds a contact by email and says when there is none', async () => {
		const run = await runCommonRoom(
			emulator(),
			{ resource: 'contact', operation: 'get', email: '={{ $json.email }}' },
			{ input: [{ email: ' ADA@example.com ' }, { email: 'nobody@example.com' }] },
		);
		const [found, missing] = run.items().map((item) => item.json);
		expect(found).toMatchObject({ email: 'ada@example.com', found: true });
		expect(found.memberIds).toHaveLength(1);
		expect(missing).toEqual({ email: 'nobody@example.com', found: false });
	});

	it('Delete requests removal (right to be forgotten); an unknown email is skipped', async () => {
		const run = await runCommonRoom(
			emulator(),
			{ resource: 'contact', operation: 'delete', email: '={{ $json.email }}' },
			{ input: [{ email: 'Grace@Example.com' }, { email: 'nobody@example.com' }] },
		);
		const [deleted, missing] = run.items().map((item) => item.json);
		expect(deleted).toMatchObject({ email: 'grace@example.com', deletionRequested: true });
		expect(missing).toMatchObject({ email: 'nobody@example.com', deletionRequested: false, status: 'skipped' });
		expect(emulator().state.commonRoom.deletionRequests()).toEqual(['grace@example.com']);
	});

	it('Add to Segment adds the contact, with a status', async () => {
		const run = await runCommonRoom(emulator(), {
			resource: 'contact',
			operation: 'addToSegment',
			segmentId: '501',
			email: 'ada@example.com',
			statusId: '2',
		});
		expect(run.items()[0].json).toMatchObject({ segmentId: 501, email: 'ada@example.com', statusId: 2, added: true });
		expect(emulator().state.commonRoom.segmentMembers(501)).toEqual([
			expect.objectContaining({ statusId: 2, emails: ['ada@example.com'] }),
		]);
	});

	it('Add to Segment without a status', async () => {
		await runCommonRoom(emulator(), { resource: 'contact', operation: 'addToSegment', segmentId: '502', email: 'grace@example.com' });
		expect(emulator().state.commonRoom.segmentMembers(502)).toEqual([
			expect.objectContaining({ statusId: null, emails: ['grace@example.com'] }),
		]);
	});

	it("takes a segment's API v2 id (s_502, as Segment > Create returns it) as the v1 number", async () => {
		await runCommonRoom(emulator(), { resource: 'contact', operation: 'addToSegment', segmentId: 's_502', email: 'grace@example.com' });
		expect(emulator().state.commonRoom.segmentMembers(502)).toEqual([expect.objectContaining({ emails: ['grace@example.com'] })]);
	});

	it('an unknown segment is an API error naming the segment', async () => {
		const run = await runCommonRoom(
			emulator(),
			{ resource: 'contact', operation: 'addToSegment', segmentId: '999', email: 'ada@example.com' },
			{ continueOnFail: true },
		);
		expect(run.items()[0].json.error).toBeDefined();
	});
});

describe('Tag', () => {
	const tag = (operation: string, parameters = {}) => ({ resource: 'tag', operation, ...parameters });

	it('create, get, get many, update, delete', async () => {
		const created = (
			await runCommonRoom(
				emulator(),
				tag('create', { name: 'Advocate', entityTypes: ['member', 'activity'], additionalFields: { description: 'Speaks for us' } }),
			)
		).items()[0].json;
		expect(created).toMatchObject({ name: 'Advocate', description: 'Speaks for us', entityTypes: ['member', 'activity'] });
		const id = String(created.id);

		const got = (await runCommonRoom(emulator(), tag('get', { tagId: { __rl: true, mode: 'id', value: id } }))).items()[0].json;
		expect(got).toMatchObject({ id, name: 'Advocate' });

		const many = (await runCommonRoom(emulator(), tag('getAll', { returnAll: true }))).items().map((item) => item.json.name);
		expect(many).toEqual(expect.arrayContaining(['Advocate', 'VIP', 'Beta tester']));
		expect(many).not.toContain('Retired tag');

		// Only the description: the node keeps the name (the API requires it on every update).
		const updated = (
			await runCommonRoom(emulator(), tag('update', { tagId: { __rl: true, mode: 'list', value: id }, updateFields: { description: 'Loud fan' } }))
		).items()[0].json;
		expect(updated).toMatchObject({ id, name: 'Advocate', description: 'Loud fan' });
		await runCommonRoom(emulator(), tag('update', { tagId: { __rl: true, mode: 'id', value: id }, updateFields: { name: 'Super advocate' } }));
		expect(emulator().state.commonRoom.tags().find((t) => t.id === id)).toMatchObject({ name: 'Super advocate', description: 'Loud fan' });

		const deleted = (await runCommonRoom(emulator(), tag('delete', { tagId: { __rl: true, mode: 'id', value: id } }))).items()[0].json;
		expect(deleted).toMatchObject({ id, deleted: true });
		expect(emulator().state.commonRoom.tags().find((t) => t.id === id)?.deletedAt).toBeTruthy();
	});

	it('creating an existing name returns that tag', async () => {
		const json = (await runCommonRoom(emulator(), tag('create', { name: 'VIP', entityTypes: ['member'] }))).items()[0].json;
		expect(json.id).toBe('1001');
	});

	it('get many: limit and entity filter', async () => {
		const limited = (await runCommonRoom(emulator(), tag('getAll', { returnAll: false, limit: 2 }))).items();
		expect(limited).toHaveLength(2);
		const activityTags = (
			await runCommonRoom(emulator(), tag('getAll', { returnAll: true, filters: { entityType: 'activity' } }))
		)
			.items()
			.map((item) => item.json.name);
		expect(activityTags.sort()).toEqual(['Beta tester', 'Feature request']);
	});

	it('get of an unknown tag fails with the API error', async () => {
		const run = await runCommonRoom(emulator(), tag('get', { tagId: { __rl: true, mode: 'id', value: '999999' } }));
		expect(run.error()).toBeDefined();
	});

	it('update with nothing to change fails before sending', async () => {
		const run = await runCommonRoom(emulator(), tag('update', { tagId: { __rl: true, mode: 'id', value: '1001' }, updateFields: {} }));
		expect(run.error()?.message).toContain('Update Fields');
		expect(requests(emulator())).toHaveLength(0);
	});
});

describe('Get Many lists', () => {
	it('segments and segment statuses', async () => {
		const segments = (await runCommonRoom(emulator(), { resource: 'segment', operation: 'getAll', returnAll: true })).items();
		expect(segments.map((item) => item.json)).toEqual([
			{ id: 501, name: 'Champions' },
			{ id: 502, name: 'Trial users' },
		]);
		const statuses = (
			await runCommonRoom(emulator(), { resource: 'segment', operation: 'getStatuses', segmentId: '501', returnAll: true })
		).items();
		expect(statuses.map((item) => item.json.name)).toEqual(['New', 'Contacted', 'Engaged']);
		expect(statuses[0].json.segmentId).toBe(501);
	});

	it('activity types with a client-side limit, paired to the one input item', async () => {
		const run = await runCommonRoom(emulator(), { resource: 'activityType', operation: 'getAll', returnAll: false, limit: 3 });
		const items = run.items();
		expect(items.map((item) => item.json.id)).toEqual(['signed_up', 'started_training', 'purchased']);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('custom fields, all or writable by one source', async () => {
		const all = (await runCommonRoom(emulator(), { resource: 'customField', operation: 'getAll', returnAll: true })).items();
		expect(all.map((item) => item.json.id)).toContain(120);
		const writable = (
			await runCommonRoom(emulator(), {
				resource: 'customField',
				operation: 'getAll',
				returnAll: true,
				filters: { destinationSourceId: SOURCE_ID },
			})
		).items();
		expect(writable.map((item) => item.json.id)).not.toContain(120);
		expect(writable[0].json).toEqual({ id: 101, name: 'Plan', type: 'enum', multivalue: false, values: ['Free', 'Pro', 'Enterprise'] });
	});

	it('one Get Many per input item', async () => {
		const run = await runCommonRoom(emulator(), { resource: 'segment', operation: 'getAll', returnAll: true }, { input: [{}, {}] });
		expect(run.items().map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 1]);
	});
});

describe('Token > Check', () => {
	it('names the community for a good token', async () => {
		const run = await runCommonRoom(emulator(), { resource: 'token', operation: 'check' });
		expect(run.items()[0].json).toEqual({ valid: true, jti: 'demo4f6c', communityName: 'Emulated Community', communityId: '8p980hdo0' });
	});

	it('fails for a wrong token without leaking it', async () => {
		const run = await runCommonRoom(emulator(), { resource: 'token', operation: 'check' }, { token: 'cr_wrong_token_000000' });
		const error = run.error();
		expect(error).toBeDefined();
		expect(JSON.stringify(error)).not.toContain('cr_wrong_token_000000');
	});
});
