/**
 * Contact > Create or Update / Create Only in n8n's engine against the emulator: what was stored,
 * how many requests went out, what the output says.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { contactOf, customValues, requests, runCommonRoom, SOURCE_ID, useEmulator } from './helpers';

const emulator = useEmulator();

const upsert = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'upsert',
	destinationSourceId: SOURCE_ID,
	fieldsToSend: 'defineBelow',
	...parameters,
});

const customFields = (values: Record<string, string | number>): INodeParameters => ({
	customFieldValues: Object.entries(values).map(([field, value]) => ({ field, value })),
});

describe('Contact > Create or Update', () => {
	it('maps every standard field, tags and social handles to the API shapes', async () => {
		const run = await runCommonRoom(
			emulator(),
			upsert({
				email: '  Jane.Doe@Example.COM ',
				additionalFields: {
					fullName: 'Jane Doe',
					companyName: 'Acme',
					companyDomain: 'https://www.acme.com/about',
					titleAtCompany: 'CTO',
					roleAtCompany: 'Engineering',
					bio: 'Builds things',
					avatarUrl: 'https://img.example.com/jane.png',
					username: 'jdoe',
					country: 'USA',
					region: 'Washington',
					city: 'Seattle',
					rawLocation: 'Seattle, WA',
					twitterUsername: '@janedoe',
					githubUsername: 'https://github.com/jane-doe',
					linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
					discordUsername: 'jane#1234',
					externalProfiles: 'https://jane.dev',
					tagNames: 'Champion, VIP',
					tagIds: ['1002'],
				},
			}),
		);
		const [item] = run.items();
		expect(item.json).toMatchObject({
			status: 'upserted',
			id: 'jane.doe@example.com',
			email: 'jane.doe@example.com',
			destinationSourceId: SOURCE_ID,
			apiStatusCode: 202,
		});
		const stored = contactOf(emulator(), 'jane.doe@example.com');
		expect(stored).toMatchObject({
			email: 'jane.doe@example.com',
			fullName: 'Jane Doe',
			companyName: 'Acme',
			companyDomain: 'acme.com',
			titleAtCompany: 'CTO',
			roleAtCompany: 'Engineering',
			bio: 'Builds things',
			avatarUrl: 'https://img.example.com/jane.png',
			username: 'jdoe',
			country: 'USA',
			region: 'Washington',
			city: 'Seattle',
			rawLocation: 'Seattle, WA',
			twitter: { type: 'handle', value: 'janedoe' },
			github: { type: 'handle', value: 'jane-doe' },
			linkedin: { type: 'handle', value: 'in/jane-doe' },
			discord: { type: 'username', username: 'jane', discriminator: '1234' },
			externalProfiles: [{ url: 'https://jane.dev' }],
		});
		expect(stored?.tags.map((tag) => tag.name).sort()).toEqual(['Beta tester', 'Champion', 'VIP']);
		expect(requests(emulator(), 'POST', '/user')).toHaveLength(1);
		// No custom fields used: no definitions read.
		expect(requests(emulator(), 'GET')).toHaveLength(0);
	});

	it('a re-run updates the same contact and never duplicates it', async () => {
		const parameters = upsert({ email: '={{ $json.email }}', additionalFields: { fullName: '={{ $json.name }}' } });
		await runCommonRoom(emulator(), parameters, { input: [{ email: 'sam@example.com', name: 'Sam' }] });
		await runCommonRoom(emulator(), parameters, { input: [{ email: ' SAM@example.com', name: 'Samuel' }] });
		const sams = emulator()
			.state.commonRoom.contacts()
			.filter((contact) => contact.email === 'sam@example.com');
		expect(sams).toHaveLength(1);
		expect(sams[0]).toMatchObject({ id: 'sam@example.com', fullName: 'Samuel', upsertCount: 2 });
	});

	it('social handles in all three forms land the same', async () => {
		const forms = [
			{ email: 'a@example.com', twitter: '@same_handle', github: '@gh-user', linkedin: '@li-user' },
			{ email: 'b@example.com', twitter: 'same_handle', github: 'gh-user', linkedin: 'li-user' },
			{
				email: 'c@example.com',
				twitter: 'https://x.com/same_handle',
				github: 'https://github.com/gh-user',
				linkedin: 'https://www.linkedin.com/in/li-user/',
			},
		];
		await runCommonRoom(
			emulator(),
			upsert({
				email: '={{ $json.email }}',
				additionalFields: {
					twitterUsername: '={{ $json.twitter }}',
					githubUsername: '={{ $json.github }}',
					linkedinUrl: '={{ $json.linkedin }}',
				},
			}),
			{ input: forms },
		);
		for (const { email } of forms) {
			expect(contactOf(emulator(), email)).toMatchObject({
				twitter: { type: 'handle', value: 'same_handle' },
				github: { type: 'handle', value: 'gh-user' },
				linkedin: { type: 'handle', value: 'in/li-user' },
			});
		}
	});

	it('coerces custom field values to each type', async () => {
		const run = await runCommonRoom(
			emulator(),
			upsert({
				email: 'types@example.com',
				customFieldsUi: customFields({
					'101': 'pro',
					'102': '42',
					'103': '99.5',
					'104': '2026-03-04T10:00:00Z',
					'105': 'https://acme.com',
					'106': 'yes',
					'107': 7,
					'108': 'python, go',
					'109': '["Rust", "Hiking"]',
					'110': '1, 2.5',
					'111': '2026-01-01, 2026-02-01T12:00:00Z',
					'112': 'https://a.dev, https://b.dev',
					'113': '7, 8',
					'114': 'true, no',
				}),
			}),
		);
		expect(run.items()[0].json.status).toBe('upserted');
		expect(customValues(contactOf(emulator(), 'types@example.com'))).toEqual({
			Plan: 'Pro',
			Seats: 42,
			MRR: 99.5,
			'Signup date': '2026-03-04',
			Website: 'https://acme.com',
			'Is customer': true,
			Nickname: '7',
			Languages: ['Python', 'Go'],
			Interests: ['Rust', 'Hiking'],
			Scores: [1, 2.5],
			Milestones: ['2026-01-01', '2026-02-01'],
			Profiles: ['https://a.dev', 'https://b.dev'],
			'Ticket IDs': [7, 8],
			'Feature flags': [true, false],
		});
		// One read of the definitions for the run, filtered to what this source may write.
		expect(requests(emulator(), 'GET').map((entry) => entry.path)).toEqual([
			`/community/v1/members/customFields?destinationSourceId=${SOURCE_ID}`,
		]);
	});

	it('custom fields may also be named (expressions) instead of picked by id', async () => {
		await runCommonRoom(
			emulator(),
			upsert({ email: 'named@example.com', customFieldsUi: customFields({ Plan: 'Enterprise', 'signup date': '2026-05-06' }) }),
		);
		expect(customValues(contactOf(emulator(), 'named@example.com'))).toEqual({
			Plan: 'Enterprise',
			'Signup date': '2026-05-06',
		});
	});

	it('an unset or empty custom field is never sent, so it is not cleared', async () => {
		await runCommonRoom(emulator(), upsert({ email: 'keep@example.com', customFieldsUi: customFields({ '101': 'Pro', '102': 5 }) }));
		const run = await runCommonRoom(
			emulator(),
			upsert({ email: 'keep@example.com', customFieldsUi: customFields({ '101': '', '102': 6, '107': '   ' }) }),
		);
		expect(run.items()[0].json.customFields).toEqual([{ id: 102, value: { type: 'int', value: 6 } }]);
		expect(customValues(contactOf(emulator(), 'keep@example.com'))).toEqual({ Plan: 'Pro', Seats: 6 });
	});

	it('clears a custom field only when asked explicitly', async () => {
		await runCommonRoom(emulator(), upsert({ email: 'clear@example.com', customFieldsUi: customFields({ '101': 'Pro', '102': 5 }) }));
		await runCommonRoom(emulator(), upsert({ email: 'clear@example.com', additionalFields: { customFieldsToClear: ['102'] } }));
		expect(customValues(contactOf(emulator(), 'clear@example.com'))).toEqual({ Plan: 'Pro' });
	});

	it('a value that cannot be coerced fails the run naming item and field, with nothing written', async () => {
		const run = await runCommonRoom(
			emulator(),
			upsert({ email: '={{ $json.email }}', customFieldsUi: customFields({ '102': '={{ $json.seats }}' }) }),
			{
				input: [
					{ email: 'one@example.com', seats: 1 },
					{ email: 'two@example.com', seats: 'many' },
					{ email: 'three@example.com', seats: 3 },
				],
			},
		);
		const error = run.error();
		expect(error?.message).toContain('Seats');
		expect(error?.message).toContain('[item 1]');
		expect(error?.message).toContain('whole number');
		expect(requests(emulator(), 'POST')).toHaveLength(0);
	});

	it('under Continue On Fail only the item with the bad value fails', async () => {
		const run = await runCommonRoom(
			emulator(),
			upsert({ email: '={{ $json.email }}', customFieldsUi: customFields({ '101': '={{ $json.plan }}' }) }),
			{
				input: [
					{ email: 'one@example.com', plan: 'Free' },
					{ email: 'two@example.com', plan: 'Gold' },
					{ email: 'three@example.com', plan: 'Pro' },
				],
				continueOnFail: true,
			},
		);
		const items = run.items();
		expect(items.map((item) => item.json.status ?? 'error')).toEqual(['upserted', 'error', 'upserted']);
		expect(items[1].json.error).toContain('Plan');
		expect(items[1].json.error).toContain('"Free", "Pro", "Enterprise"');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(requests(emulator(), 'POST')).toHaveLength(2);
	});

	it('an unknown custom field fails the item naming it', async () => {
		const run = await runCommonRoom(emulator(), upsert({ email: 'x@example.com', customFieldsUi: customFields({ Colour: 'red' }) }));
		expect(run.error()?.message).toContain('Colour');
		expect(requests(emulator(), 'POST')).toHaveLength(0);
	});

	it('a field another source owns is refused before sending', async () => {
		const run = await runCommonRoom(emulator(), upsert({ email: 'x@example.com', customFieldsUi: customFields({ '120': 5 }) }));
		expect(run.error()?.message).toContain(`writable by source ${SOURCE_ID}`);
		expect(requests(emulator(), 'POST')).toHaveLength(0);
	});

	it('slackUserId has no place on the wire: reported on the item, not dropped silently', async () => {
		const run = await runCommonRoom(emulator(), upsert({ email: 'slack@example.com', additionalFields: { slackUserId: 'U0123' } }));
		const json = run.items()[0].json;
		expect(json.unmapped).toEqual({ slackUserId: 'U0123' });
		expect(String(json.notes)).toContain('slackUserId');
		expect((contactOf(emulator(), 'slack@example.com')?.lastBody as IDataObject).customFields).toBeUndefined();
	});

	it('an invalid email in item 7 of 10 fails it alone under Continue On Fail; 9 contacts sent', async () => {
		const input = Array.from({ length: 10 }, (_, i) => ({ email: i === 6 ? 'not-an-email' : `user${i}@example.com` }));
		const run = await runCommonRoom(emulator(), upsert({ email: '={{ $json.email }}' }), { input, continueOnFail: true });
		const items = run.items();
		expect(items).toHaveLength(10);
		expect(items[6].json.error).toContain('Email');
		expect(items[6].json.error).toContain('[item 6]');
		expect(items.filter((item) => item.json.status === 'upserted')).toHaveLength(9);
		expect(requests(emulator(), 'POST', '/user')).toHaveLength(9);
	});

	it('without Continue On Fail the invalid email stops the run with 0 requests sent', async () => {
		const input = Array.from({ length: 10 }, (_, i) => ({ email: i === 6 ? 'not-an-email' : `user${i}@example.com` }));
		const run = await runCommonRoom(emulator(), upsert({ email: '={{ $json.email }}' }), { input });
		const error = run.error();
		expect(error?.message).toContain('Email');
		expect(error?.message).toContain('"not-an-email" is not an email address');
		expect(error?.message).toContain('[item 6]');
		expect(requests(emulator())).toHaveLength(0);
	});

	it('a bad social handle fails before sending, naming the field', async () => {
		const run = await runCommonRoom(emulator(), upsert({ email: 'x@example.com', additionalFields: { twitterUsername: 'not a handle' } }));
		expect(run.error()?.message).toContain('Twitter Username');
		expect(requests(emulator())).toHaveLength(0);
	});

	it('syncs 1,000 contacts with none lost and output in input order', async () => {
		const input = Array.from({ length: 1000 }, (_, i) => ({ email: `bulk${i}@example.com`, name: `Person ${i}` }));
		const started = Date.now();
		const run = await runCommonRoom(
			emulator(),
			upsert({ email: '={{ $json.email }}', additionalFields: { fullName: '={{ $json.name }}' }, options: { maxConcurrency: 20 } }),
			{ input },
		);
		const items = run.items();
		expect(items).toHaveLength(1000);
		expect(items.map((item) => item.json.email)).toEqual(input.map((row) => row.email));
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
		const stored = emulator()
			.state.commonRoom.contacts()
			.filter((contact) => String(contact.email).startsWith('bulk'));
		expect(stored).toHaveLength(1000);
		expect(requests(emulator(), 'POST')).toHaveLength(1000);
		expect(Date.now() - started).toBeLessThan(30_000);
	});

	it('summary output: one item with the counts', async () => {
		const input = [{ email: 'a@example.com' }, { email: 'bad' }, { email: 'b@example.com' }];
		const run = await runCommonRoom(emulator(), upsert({ email: '={{ $json.email }}', options: { output: 'summary' } }), {
			input,
			continueOnFail: true,
		});
		const items = run.items();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ total: 3, failed: 1, upserted: 2 });
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Contact > Create or Update: Map Input Fields by Name', () => {
	it('maps keys to standard and custom fields, reports unknown keys, honours the ignore list', async () => {
		const run = await runCommonRoom(
			emulator(),
			{
				resource: 'contact',
				operation: 'upsert',
				destinationSourceId: SOURCE_ID,
				fieldsToSend: 'autoMapInputData',
				inputFieldsToIgnore: 'row_number',
			},
			{
				input: [
					{
						row_number: 2,
						Email: 'Row@Example.com',
						'Full Name': 'Row Person',
						company: 'Acme',
						titleAtCompany: 'VP',
						twitterUsername: 'https://twitter.com/rowperson',
						location: 'Berlin',
						tags: 'VIP, Sheet import',
						Plan: 'enterprise',
						seats: '12',
						'Signup date': '2026-07-01',
						favourite_colour: 'teal',
						slackUserId: 'U999',
						bio: '',
					},
				],
			},
		);
		const json = run.items()[0].json;
		expect(json).toMatchObject({ status: 'upserted', id: 'row@example.com' });
		expect(json.unmapped).toEqual({ favourite_colour: 'teal', slackUserId: 'U999' });
		expect((json.notes as string[]).join(' ')).toContain('favourite_colour');
		const stored = contactOf(emulator(), 'row@example.com');
		expect(stored).toMatchObject({
			fullName: 'Row Person',
			companyName: 'Acme',
			titleAtCompany: 'VP',
			rawLocation: 'Berlin',
			twitter: { type: 'handle', value: 'rowperson' },
		});
		expect(stored?.bio).toBeUndefined();
		expect(stored?.tags.map((tag) => tag.name).sort()).toEqual(['Sheet import', 'VIP']);
		expect(customValues(stored)).toEqual({ Plan: 'Enterprise', Seats: 12, 'Signup date': '2026-07-01' });
	});

	it('an item without an email key fails naming it', async () => {
		const run = await runCommonRoom(
			emulator(),
			{ resource: 'contact', operation: 'upsert', destinationSourceId: SOURCE_ID, fieldsToSend: 'autoMapInputData' },
			{ input: [{ fullName: 'No Email' }] },
		);
		expect(run.error()?.message).toContain('email');
		expect(requests(emulator())).toHaveLength(0);
	});
});

describe('slackUserId with a workspace custom field for it', () => {
	it('is written to the custom field of that name', async () => {
		const { loadSeed, DEFAULT_SEED_PATH } = await import('../../../emulator');
		const seed = loadSeed(DEFAULT_SEED_PATH);
		seed.commonRoom.customFields.push({ id: 130, name: 'Slack User ID', type: 'string', multivalue: false });
		emulator().reset(seed);
		try {
			const run = await runCommonRoom(emulator(), upsert({ email: 'slack@example.com', additionalFields: { slackUserId: 'U0123' } }));
			expect(run.items()[0].json.unmapped).toBeUndefined();
			expect(customValues(contactOf(emulator(), 'slack@example.com'))).toEqual({ 'Slack User ID': 'U0123' });
		} finally {
			emulator().reset(DEFAULT_SEED_PATH);
		}
	});
});

describe('Contact > Create Only', () => {
	it('skips an existing contact (no upsert sent for it) and creates a new one', async () => {
		const run = await runCommonRoom(
			emulator(),
			{
				resource: 'contact',
				operation: 'create',
				destinationSourceId: SOURCE_ID,
				fieldsToSend: 'defineBelow',
				email: '={{ $json.email }}',
				additionalFields: { fullName: '={{ $json.name }}' },
			},
			{ input: [{ email: 'ada@example.com', name: 'Changed' }, { email: 'new@example.com', name: 'New Person' }] },
		);
		const items = run.items();
		expect(items[0].json).toMatchObject({ status: 'skipped', email: 'ada@example.com' });
		expect(items[1].json).toMatchObject({ status: 'created', email: 'new@example.com', fullName: 'New Person' });
		expect(contactOf(emulator(), 'ada@example.com')).toMatchObject({ fullName: 'Ada Lovelace', upsertCount: 1 });
		expect(contactOf(emulator(), 'new@example.com')).toMatchObject({ fullName: 'New Person' });
		expect(requests(emulator(), 'POST', '/user')).toHaveLength(1);
		expect(requests(emulator(), 'GET', '/user/')).toHaveLength(2);
	});

	it('summary counts created and skipped', async () => {
		const run = await runCommonRoom(
			emulator(),
			{
				resource: 'contact',
				operation: 'create',
				destinationSourceId: SOURCE_ID,
				email: '={{ $json.email }}',
				options: { output: 'summary' },
			},
			{ input: [{ email: 'ada@example.com' }, { email: 'n1@example.com' }, { email: 'n2@example.com' }] },
		);
		expect(run.items()[0].json).toMatchObject({ total: 3, created: 2, skipped: 1, failed: 0 });
	});
});
