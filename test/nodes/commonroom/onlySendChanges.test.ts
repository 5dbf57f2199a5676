/**
 * Only Send Changes across executions, in n8n's real engine against the emulator over HTTP, with
 * n8n's store of processed items as n8n 2.41.1 keeps it (test/deduplicator.ts). A re-run is
 * another execution of the same workflow (same workflow and node ids); what counts is what the
 * emulator received and stored.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { node, processedItems, runWorkflow, type RunResult } from '../../engine';
import { SOURCE_ID, contactOf, requests, useEmulator } from './helpers';

const emulator = useEmulator();

const CONTACTS = Array.from({ length: 50 }, (_, i) => ({ email: `sync${i}@example.com`, name: `Person ${i}`, title: 'Engineer' }));

let workflows = 0;
/** A nightly sync: the same workflow (ids, static data) run again and again, as a schedule runs it. */
function syncWorkflow(parameters: INodeParameters = {}, mode: 'trigger' | 'manual' = 'trigger') {
	const workflowId = `sync-${++workflows}`;
	const contactNode = node('commonRoom', {
		resource: 'contact',
		operation: 'upsert',
		destinationSourceId: SOURCE_ID,
		email: '={{ $json.email }}',
		additionalFields: { fullName: '={{ $json.name }}', titleAtCompany: '={{ $json.title }}' },
		onlySendChanges: true,
		...parameters,
	});
	return async (input: IDataObject[]): Promise<RunResult> =>
		await runWorkflow({
			workflowId,
			mode,
			nodes: [contactNode],
			input: input.map((json) => ({ json })),
			credentials: { commonRoomApi: { apiToken: emulator().tokens.commonRoom, baseUrl: emulator().commonRoomBaseUrl } },
		});
}

const upserts = (e: Emulator) => requests(e, 'POST', '/user').length;
const statuses = (result: RunResult) => result.output('Common Room').map((item) => item.json.status);

describe('Common Room: Only Send Changes', () => {
	it('a re-sync of 50 contacts with 5 changed sends exactly those 5; the rest are "unchanged"', async () => {
		const sync = syncWorkflow();
		await sync(CONTACTS);
		expect(upserts(emulator())).toBe(50);
		const changed = CONTACTS.map((contact, i) => (i % 10 === 3 ? { ...contact, title: 'Manager' } : contact));
		const second = await sync(changed);
		expect(upserts(emulator())).toBe(55);
		expect(statuses(second).filter((status) => status === 'upserted')).toHaveLength(5);
		const unchanged = second.output('Common Room').filter((item) => item.json.status === 'unchanged');
		expect(unchanged).toHaveLength(45);
		expect(unchanged[0].json).toEqual({ status: 'unchanged', email: 'sync0@example.com', id: 'sync0@example.com', destinationSourceId: SOURCE_ID });
		expect(contactOf(emulator(), 'sync3@example.com')?.titleAtCompany).toBe('Manager');
	});

	it('a contact that goes A → B → A is sent three times, and Common Room ends with A', async () => {
		const sync = syncWorkflow();
		const a = { email: 'aba@example.com', name: 'Ada', title: 'A' };
		await sync([a]);
		await sync([{ ...a, title: 'B' }]);
		await sync([a]);
		expect(upserts(emulator())).toBe(3);
		expect(contactOf(emulator(), 'aba@example.com')?.titleAtCompany).toBe('A');
		await sync([a]);
		expect(upserts(emulator())).toBe(3);
	});

	it('a contact Common Room refused is sent again by the next run; nothing else is', async () => {
		const sync = syncWorkflow({}, 'trigger');
		emulator().injectFaults('commonRoom', { kind: 'status', status: 400, pathIncludes: '/user' });
		const first = await sync(CONTACTS.slice(0, 10));
		expect(first.error()?.message).toMatch(/Common Room rejected the request/);
		expect(first.error()?.description).toMatch(/sends them again, harmlessly/);
		await sync(CONTACTS.slice(0, 10));
		expect(upserts(emulator())).toBe(11);
		expect(CONTACTS.slice(0, 10).every((contact) => contactOf(emulator(), contact.email))).toBe(true);
	});

	it('a new node, or a copy of the workflow, starts with an empty memory', async () => {
		await syncWorkflow()(CONTACTS.slice(0, 5));
		await syncWorkflow()(CONTACTS.slice(0, 5));
		expect(upserts(emulator())).toBe(10);
	});

	it('runs from the editor use the same memory as the active workflow', async () => {
		const sync = syncWorkflow({}, 'manual');
		await sync(CONTACTS.slice(0, 3));
		await sync(CONTACTS.slice(0, 3));
		expect(upserts(emulator())).toBe(3);
	});

	it('a record sent more than 16 times (a second round of look-ups) is still compared with its last content', async () => {
		const sync = syncWorkflow();
		const contact = { email: 'often@example.com', name: 'Often', title: '0' };
		for (let i = 1; i <= 20; i++) await sync([{ ...contact, title: String(i) }]);
		await sync([{ ...contact, title: '20' }]);
		await sync([{ ...contact, title: '19' }]);
		expect(upserts(emulator())).toBe(21);
	});

	it('two executions at once in one process: the old content is sent while the new is in flight, and the next run sends again (never left stale)', async () => {
		processedItems.latencyMs = 3;
		const sync = syncWorkflow();
		const a = { email: 'race@example.com', name: 'Race', title: 'A' };
		await sync([a]);
		emulator().injectFaults('commonRoom', { kind: 'slow', delayMs: 400, pathIncludes: '/user' });
		const sendingB = sync([{ ...a, title: 'B' }]);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const [b, again] = await Promise.all([sendingB, sync([a])]);
		processedItems.latencyMs = 0;
		expect(statuses(b)).toEqual(['upserted']);
		expect(statuses(again)).toEqual(['upserted']); // B was in flight: A is not "unchanged"
		// Common Room kept whichever landed last; the memory cannot know which, so A goes out again.
		const last = contactOf(emulator(), 'race@example.com')?.titleAtCompany;
		const next = await sync([{ ...a, title: String(last) }]);
		expect(statuses(next)).toEqual(['upserted']);
		expect(statuses(await sync([{ ...a, title: String(last) }]))).toEqual(['unchanged']);
	});

	it('Activity > Create: the same activity again is "unchanged"; edited content is sent', async () => {
		const activity = (content: string) => ({ email: 'act@example.com', content, id: 'evt-1' });
		const runActivity = syncWorkflow({
			resource: 'activity',
			operation: 'create',
			activityType: 'support_ticket',
			email: '={{ $json.email }}',
			content: '={{ $json.content }}',
			additionalFields: { activityId: '={{ $json.id }}' },
		});
		await runActivity([activity('hello')]);
		const same = await runActivity([activity('hello')]);
		await runActivity([activity('hello, edited')]);
		expect(statuses(same)).toEqual(['unchanged']);
		expect(requests(emulator(), 'POST', '/activity')).toHaveLength(2);
		expect(emulator().state.commonRoom.activities().filter((stored) => stored.id === 'evt-1')).toHaveLength(1);
	});

	it('the summary output counts unchanged items', async () => {
		const sync = syncWorkflow({ options: { output: 'summary' } });
		await sync(CONTACTS.slice(0, 4));
		const second = await sync(CONTACTS.slice(0, 4));
		expect(second.output('Common Room')[0].json).toMatchObject({ total: 4, unchanged: 4, upserted: 0 });
	});
});
