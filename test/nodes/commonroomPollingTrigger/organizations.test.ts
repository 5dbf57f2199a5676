/**
 * The Common Room Polling Trigger, New Organization, in n8n-core's real PollContext against the
 * emulator, and the node's editor methods in the real LoadOptionsContext.
 *
 * The emulator makes an organization for each company domain a contact gives, numbered by a
 * hash of the domain (emulator README "Choices", v2 ids), not in the order it creates them. The
 * trigger counts an organization with a higher id than the last one seen as new, which holds
 * when ids grow with creation (as serial ids do). So these tests pick domains whose hashes grow.
 */
import { organizationNumber } from '../../../emulator/commonroom/v2/ids';
import { listSearch, loadOptions } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/methods';
import { STATE_KEY } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/state';
import { ids, pollingTrigger, upsertContact, useEmulator } from './harness';

const emulator = useEmulator();

/** Domains `org-<n>.example` in the order of their emulator ids. */
const DOMAINS = Array.from({ length: 40 }, (_, n) => `org-${n}.example`).sort((a, b) => organizationNumber(a) - organizationNumber(b));

async function organization(domain: string): Promise<string> {
	await upsertContact(emulator(), { email: `someone@${domain}`, companyName: `Company ${domain}`, companyDomain: domain });
	return `o_${organizationNumber(domain)}`;
}

describe('New Organization', () => {
	it('the first poll notes the newest organization; then each poll emits the new ones, oldest first, each once', async () => {
		const trigger = pollingTrigger(emulator(), { event: 'newOrganization' });
		await organization(DOMAINS[10]);
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: String(organizationNumber(DOMAINS[10])) });

		const second = [await organization(DOMAINS[11]), await organization(DOMAINS[12])];
		expect(ids(await trigger.poll())).toEqual(second);
		const third = await organization(DOMAINS[13]);
		const { items } = await trigger.poll();
		expect(items?.map((item) => item.json.id)).toEqual([third]);
		expect(items?.[0].json).toMatchObject({
			type: 'newOrganization',
			organizationId: third,
			organizationName: `Company ${DOMAINS[13]}`,
			organizationDomain: DOMAINS[13],
			payload: { id: third, primaryDomain: DOMAINS[13] },
		});
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('an organization whose id is below the mark is not seen: the limit of counting by id', async () => {
		await organization(DOMAINS[20]);
		const trigger = pollingTrigger(emulator(), { event: 'newOrganization' });
		await trigger.poll();
		await organization(DOMAINS[5]);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('the test event is the organization with the highest id', async () => {
		const newest = await organization(DOMAINS[39]);
		await organization(DOMAINS[1]);
		expect(ids(await pollingTrigger(emulator(), { event: 'newOrganization' }).poll({ mode: 'manual' }))).toEqual([newest]);
	});

	it('Include Existing on First Poll: the seed organizations first (the lowest ids)', async () => {
		const trigger = pollingTrigger(emulator(), { event: 'newOrganization', options: { includeExisting: true, maxEvents: 2 } });
		expect(ids(await trigger.poll())).toEqual(['o_3001', 'o_3002']);
	});
});

describe('editor methods', () => {
	const context = () => pollingTrigger(emulator(), { event: 'newContact' }).loadOptionsContext();

	it('segments: contact segments by name, with their size', async () => {
		const all = await listSearch.searchSegments.call(context());
		expect(all.results.map((result) => [result.name, result.value])).toEqual([
			['Champions (0)', 's_501'],
			['Trial users (0)', 's_502'],
		]);
		const some = await listSearch.searchSegments.call(context(), 'trial');
		expect(some.results.map((result) => result.value)).toEqual(['s_502']);
	});

	it('segments: pages follow the v2 cursor as the pagination token', async () => {
		for (let n = 0; n < 120; n++) {
			await fetch(`${emulator().commonRoomV2BaseUrl}/segments`, {
				method: 'POST',
				headers: { authorization: `Bearer ${emulator().tokens.commonRoom}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name: `Segment ${n}` }),
			});
		}
		const first = await listSearch.searchSegments.call(context());
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await listSearch.searchSegments.call(context(), undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(22);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((result) => result.value)).size).toBe(122);
	});

	it('organizations: all, or by exact domain or name', async () => {
		const all = await listSearch.searchOrganizations.call(context());
		expect(all.results.map((result) => result.value)).toEqual(['o_3001', 'o_3002']);
		expect((await listSearch.searchOrganizations.call(context(), 'navy.example')).results.map((result) => result.name)).toEqual([
			'Navy (navy.example)',
		]);
		expect((await listSearch.searchOrganizations.call(context(), 'analytical engines')).results.map((result) => result.value)).toEqual([
			'o_3001',
		]);
	});

	it('activity types, by display name', async () => {
		const types = await loadOptions.getActivityTypes.call(context());
		expect(types).toHaveLength(7);
		expect(types).toContainEqual({ name: 'Signed up', value: 'signed_up', description: 'signed_up' });
	});
});
