/**
 * Activity > Create / Create Reply in n8n's engine against the emulator.
 */
import type { INodeParameters } from 'n8n-workflow';

import { node, runWorkflow } from '../../engine';
import { requests, runCommonRoom, SOURCE_ID, useEmulator } from './helpers';

const emulator = useEmulator();

const create = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'activity',
	operation: 'create',
	destinationSourceId: SOURCE_ID,
	activityType: 'signed_up',
	email: 'Jane@Example.com',
	...parameters,
});

describe('Activity > Create', () => {
	it('sends every field in the API shapes and outputs what the next node needs', async () => {
		const run = await runCommonRoom(
			emulator(),
			create({
				content: '**Welcome** aboard',
				additionalFields: {
					title: 'Signed up for the beta',
					contentFormat: 'markdown',
					url: 'https://app.example.com/users/1',
					occurredAt: '2026-03-04T10:20:30+02:00',
					subSource: '#general',
					tagNames: 'Launch',
					tagIds: ['1003'],
				},
				memberFields: { fullName: 'Jane Doe', githubUsername: '@jane-gh', companyName: 'Acme' },
			}),
		);
		const json = run.items()[0].json;
		expect(json).toMatchObject({
			status: 'upserted',
			activityType: 'signed_up',
			destinationSourceId: SOURCE_ID,
			idDerived: true,
			apiStatusCode: 202,
		});
		expect(json.id).toMatch(/^n8n-[0-9a-f]{32}$/);
		const [stored] = emulator().state.commonRoom.activities();
		expect(stored).toMatchObject({
			id: json.id,
			activityType: 'signed_up',
			userId: 'jane@example.com',
			activityTitle: { type: 'text', value: 'Signed up for the beta' },
			content: { type: 'markdown', value: '**Welcome** aboard' },
			timestamp: '2026-03-04T08:20:30.000Z',
			url: 'https://app.example.com/users/1',
			subSource: { type: 'name', name: '#general' },
		});
		expect(stored.tags.map((tag) => tag.name).sort()).toEqual(['Feature request', 'Launch']);
		expect(stored.lastBody).toMatchObject({
			user: {
				id: 'jane@example.com',
				email: 'jane@example.com',
				fullName: 'Jane Doe',
				github: { type: 'handle', value: 'jane-gh' },
				companyName: 'Acme',
			},
		});
	});

	it('the activity member is the contact with the same email-derived id', async () => {
		await runCommonRoom(emulator(), create({ email: 'ada@example.com' }));
		const [stored] = emulator().state.commonRoom.activities();
		const ada = emulator()
			.state.commonRoom.contacts()
			.find((contact) => contact.id === 'ada@example.com');
		expect(stored.memberId).toBe(ada?.memberId);
	});

	it('a re-run updates the same activity (derived id), with or without occurred-at', async () => {
		const withDate = create({ content: 'hello', additionalFields: { occurredAt: '2026-01-01T00:00:00Z' } });
		const withoutDate = create({ content: 'hello again' });
		for (let run = 0; run < 2; run++) {
			await runCommonRoom(emulator(), withDate);
			await runCommonRoom(emulator(), withoutDate);
		}
		const activities = emulator().state.commonRoom.activities();
		expect(activities).toHaveLength(2);
		expect(activities.map((activity) => activity.upsertCount)).toEqual([2, 2]);
	});

	it('the same occurred-at in another notation is the same activity', async () => {
		await runCommonRoom(emulator(), create({ additionalFields: { occurredAt: '2026-01-01T02:00:00+02:00' } }));
		await runCommonRoom(emulator(), create({ additionalFields: { occurredAt: '2026-01-01T00:00:00.000Z' } }));
		expect(emulator().state.commonRoom.activities()).toHaveLength(1);
	});

	it("uses the user's activity id when given", async () => {
		const run = await runCommonRoom(emulator(), create({ additionalFields: { activityId: 'evt-42' } }));
		expect(run.items()[0].json).toMatchObject({ id: 'evt-42', idDerived: false });
		expect(emulator().state.commonRoom.activities()[0].id).toBe('evt-42');
	});

	it('Check Member Exists reports whether the member was there', async () => {
		const run = await runCommonRoom(emulator(), create({ email: '={{ $json.email }}', options: { checkMemberExists: true } }), {
			input: [{ email: 'ada@example.com' }, { email: 'nobody@example.com' }],
		});
		const [known, unknown] = run.items().map((item) => item.json);
		expect(known.memberExists).toBe(true);
		expect(unknown.memberExists).toBe(false);
		expect(String(unknown.note)).toContain('member');
		expect(requests(emulator(), 'GET', '/user/')).toHaveLength(2);
	});

	it('does not look the member up unless asked', async () => {
		const run = await runCommonRoom(emulator(), create());
		expect(run.items()[0].json.memberExists).toBeUndefined();
		expect(requests(emulator(), 'GET')).toHaveLength(0);
	});

	it('bad input fails before any request, naming the field', async () => {
		for (const [parameters, field] of [
			[create({ additionalFields: { occurredAt: 'yesterday-ish' } }), 'Occurred At'],
			[create({ additionalFields: { url: 'ftp://x' } }), 'URL'],
			[create({ email: 'nope' }), 'Member Email'],
			[create({ activityType: '={{ "" }}' }), 'Activity Type'],
			[create({ destinationSourceId: 'abc' }), 'Destination Source ID'],
		] as const) {
			const run = await runCommonRoom(emulator(), parameters);
			expect(run.error()?.message).toContain(field);
		}
		expect(requests(emulator())).toHaveLength(0);
	});

	it('an unknown activity type is reported from the API', async () => {
		const run = await runCommonRoom(emulator(), create({ activityType: 'nope' }), { continueOnFail: true });
		expect(JSON.stringify(run.items()[0].json)).toContain('activity');
		expect(emulator().state.commonRoom.activities()).toHaveLength(0);
	});
});

describe('Activity > Create Reply', () => {
	it('links parentActivity from the parent output item with one expression', async () => {
		const result = await runWorkflow({
			nodes: [
				node('commonRoom', create({ content: 'Question?' }), { name: 'Post' }),
				node(
					'commonRoom',
					{
						resource: 'activity',
						operation: 'createReply',
						destinationSourceId: SOURCE_ID,
						activityType: 'replied',
						parentActivityId: '={{ $json.id }}',
						parentActivityType: '={{ $json.activityType }}',
						email: 'helper@example.com',
						content: 'Answer!',
					},
					{ name: 'Reply' },
				),
			],
			input: [{ json: {} }],
			credentials: {
				commonRoomApi: { apiToken: emulator().tokens.commonRoom, baseUrl: emulator().commonRoomBaseUrl },
			},
		});
		const parent = result.output('Post')[0].json;
		const reply = result.output('Reply')[0].json;
		expect(reply.parentActivity).toEqual({ id: parent.id, activityType: 'signed_up' });
		const stored = emulator()
			.state.commonRoom.activities()
			.find((activity) => activity.id === reply.id);
		expect(stored?.parentActivity).toEqual({ id: parent.id, activityType: 'signed_up', known: true });
	});

	it('the same reply text under two parents stays two replies', async () => {
		const reply = (parentActivityId: string) => ({
			resource: 'activity',
			operation: 'createReply',
			destinationSourceId: SOURCE_ID,
			activityType: 'replied',
			parentActivityId,
			parentActivityType: 'signed_up',
			email: 'helper@example.com',
			content: '+1',
		});
		await runCommonRoom(emulator(), reply('p1'));
		await runCommonRoom(emulator(), reply('p2'));
		await runCommonRoom(emulator(), reply('p1'));
		expect(emulator().state.commonRoom.activities()).toHaveLength(2);
	});

	it('requires the parent id and type', async () => {
		const run = await runCommonRoom(emulator(), {
			resource: 'activity',
			operation: 'createReply',
			destinationSourceId: SOURCE_ID,
			activityType: 'replied',
			parentActivityId: '={{ $json.missing }}',
			parentActivityType: 'signed_up',
			email: 'helper@example.com',
		});
		expect(run.error()?.message).toContain('Parent Activity ID');
		expect(requests(emulator())).toHaveLength(0);
	});
});
