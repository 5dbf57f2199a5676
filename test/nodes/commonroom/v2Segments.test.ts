/**
 * Segment > Create (API v2 POST /segments) in n8n's engine against the emulator: created, or an
 * existing name reported on the item (not thrown), names checked before any request, summary output.
 */
import type { INodeParameters } from 'n8n-workflow';

import { requests, runCommonRoom, useEmulator } from './helpers';
import { jsonOf, pairedOf, v2Requests } from './v2Helpers';

const emulator = useEmulator();

const create = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'segment', operation: 'create', ...extra });

describe('Segment > Create', () => {
	it('creates the segment: the item gives its v2 id; v1 lists it', async () => {
		const run = await runCommonRoom(emulator(), create({ name: 'Power users', additionalFields: { description: 'Daily actives' } }));
		expect(jsonOf(run.items())).toEqual([{ created: true, status: 'created', entityType: 'contact', id: 's_503', name: 'Power users' }]);
		const [post] = v2Requests(emulator(), 'POST', '/segments');
		expect(post.status).toBe(201);
		const segments = await runCommonRoom(emulator(), { resource: 'segment', operation: 'getAll', returnAll: true });
		expect(jsonOf(segments.items()).map((segment) => segment.name)).toContain('Power users');
	});

	it('an organization segment', async () => {
		const run = await runCommonRoom(emulator(), create({ name: 'Target accounts', additionalFields: { entityType: 'organization' } }));
		expect(run.items()[0].json).toMatchObject({ created: true, entityType: 'organization', name: 'Target accounts' });
	});

	it('an existing name is reported on the item with the existing segment, not thrown; the rest of the run goes on', async () => {
		const run = await runCommonRoom(emulator(), create({ name: '={{ $json.name }}' }), {
			input: [{ name: 'champions ' }, { name: 'Fresh segment' }, { name: 'Fresh segment' }],
		});
		expect(run.error()).toBeUndefined();
		const items = run.items();
		expect(pairedOf(items)).toEqual([0, 1, 2]);
		expect(items[0].json).toEqual({
			created: false,
			status: 'skipped',
			reason: 'A segment with this name already exists',
			id: 's_501',
			name: 'Champions',
			entityType: 'contact',
		});
		// Two items of one new name: one creates it, the other finds it taken.
		const outcomes = items.slice(1).map((item) => item.json.created).sort();
		expect(outcomes).toEqual([false, true]);
		expect(items.slice(1).map((item) => item.json.id)).toEqual(['s_503', 's_503']);
		expect(v2Requests(emulator(), 'POST', '/segments').map((entry) => entry.status).sort()).toEqual([201, 409, 409]);
	});

	it('the summary output counts created and skipped', async () => {
		const run = await runCommonRoom(emulator(), create({ name: '={{ $json.name }}', options: { output: 'summary' } }), {
			input: [{ name: 'Champions' }, { name: 'Brand new' }],
		});
		expect(run.items()[0].json).toMatchObject({ total: 2, created: 1, skipped: 1, failed: 0 });
	});

	it.each([
		[{ name: '={{ "   " }}' }, 'Name: is empty [item 0]'],
		[{ name: '={{ $json.long }}' }, "Name: is 501 characters long, more than Common Room's 500 [item 0]"],
		[{ name: '={{ { text: "x" } }}' }, 'Name: must be text, got an object [item 0]'],
		[{ name: 'Ok', additionalFields: { entityType: '={{ "object" }}' } }, 'Holds: "object" is not one of contact, organization [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const run = await runCommonRoom(emulator(), create(parameters as INodeParameters), { input: [{ long: 'x'.repeat(501) }] });
		expect(run.error()?.message).toBe(message);
		expect(requests(emulator())).toHaveLength(0);
	});

	it('a 500 after the segment was stored: the re-send meets the taken name, so there is never a second one', async () => {
		emulator().injectFaults('commonRoom', { kind: 'status', status: 500, count: 1, method: 'POST', pathIncludes: '/community/v2/segments', afterProcessing: true });
		const run = await runCommonRoom(emulator(), create({ name: 'Once only' }));
		// The first attempt created it; the item reports the segment as existing, with its id.
		expect(run.items()[0].json).toMatchObject({ created: false, name: 'Once only', id: 's_503' });
		expect(v2Requests(emulator(), 'POST', '/segments').map((entry) => entry.status)).toEqual([500, 409]);
		const segments = await runCommonRoom(emulator(), { resource: 'segment', operation: 'getAll', returnAll: true });
		expect(jsonOf(segments.items()).filter((segment) => segment.name === 'Once only')).toHaveLength(1);
	});
});
