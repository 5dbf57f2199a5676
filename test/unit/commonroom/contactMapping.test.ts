import {
	buildUser,
	classifyInputKey,
	normalizeDomain,
	parseExternalProfiles,
} from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/contactMapping';

describe('contact mapping', () => {
	it('maps flat fields to the API shapes; id is the email; blanks are left out', () => {
		const built = buildUser({
			email: 'jane@example.com',
			fields: {
				fullName: ' Jane Doe ',
				companyName: 'Acme',
				companyDomain: 'https://www.Acme.com/about',
				titleAtCompany: 'CTO',
				bio: '',
				city: null,
				twitterUsername: '@jane',
				githubUsername: 'https://github.com/jane-d',
				linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
				discordUsername: 'jane#1234',
				slackUserId: 'U0123',
				avatarUrl: 'https://img.example.com/j.png',
				rawLocation: 'Seattle, WA',
			},
			tags: { names: ['VIP', 'vip', 'Beta'], ids: ['1001'] },
		});
		expect(built.problems).toEqual([]);
		expect(built.slackUserId).toBe('U0123');
		expect(built.user).toEqual({
			id: 'jane@example.com',
			email: 'jane@example.com',
			fullName: 'Jane Doe',
			companyName: 'Acme',
			companyDomain: 'acme.com',
			titleAtCompany: 'CTO',
			rawLocation: 'Seattle, WA',
			avatarUrl: 'https://img.example.com/j.png',
			twitter: { type: 'handle', value: 'jane' },
			github: { type: 'handle', value: 'jane-d' },
			linkedin: { type: 'handle', value: 'in/jane-doe' },
			discord: { type: 'username', username: 'jane', discriminator: '1234' },
			tags: [
				{ type: 'id', id: '1001' },
				{ type: 'name', name: 'VIP' },
				{ type: 'name', name: 'Beta' },
			],
		});
	});

	it('reports every bad field by name', () => {
		const built = buildUser({
			email: 'a@b.co',
			fields: { twitterUsername: 'not a handle', avatarUrl: 'nope', companyDomain: 'x', fullName: { a: 1 } },
		});
		expect(built.problems.map((problem) => problem.field).sort()).toEqual(
			['avatarUrl', 'companyDomain', 'fullName', 'twitterUsername'].sort(),
		);
	});

	it('a Discord profile URL becomes an external profile', () => {
		const built = buildUser({
			email: 'a@b.co',
			fields: { discordUsername: 'https://discord.com/users/123' },
			externalProfiles: 'https://jane.dev',
		});
		expect(built.user.externalProfiles).toEqual([
			{ url: 'https://discord.com/users/123', name: 'Discord' },
			{ url: 'https://jane.dev' },
		]);
		expect(built.user.discord).toBeUndefined();
	});

	it('external profiles from text, lists and JSON', () => {
		expect(parseExternalProfiles('https://a.dev, https://b.dev')).toEqual({
			ok: true,
			value: [{ url: 'https://a.dev' }, { url: 'https://b.dev' }],
		});
		expect(parseExternalProfiles('[{"url":"https://a.dev","name":"Blog"}]')).toEqual({
			ok: true,
			value: [{ url: 'https://a.dev', name: 'Blog' }],
		});
		expect(parseExternalProfiles(['ftp://x']).ok).toBe(false);
	});

	it('classifies input keys by name, loosely', () => {
		expect(classifyInputKey('Email')).toEqual({ kind: 'email' });
		expect(classifyInputKey('full_name')).toEqual({ kind: 'standard', field: 'fullName' });
		expect(classifyInputKey('Title')).toEqual({ kind: 'standard', field: 'titleAtCompany' });
		expect(classifyInputKey('location')).toEqual({ kind: 'standard', field: 'rawLocation' });
		expect(classifyInputKey('twitterUsername')).toEqual({ kind: 'standard', field: 'twitterUsername' });
		expect(classifyInputKey('slackUserId')).toEqual({ kind: 'standard', field: 'slackUserId' });
		expect(classifyInputKey('tags')).toEqual({ kind: 'tags' });
		expect(classifyInputKey('Plan')).toEqual({ kind: 'other' });
		expect(classifyInputKey('constructor')).toEqual({ kind: 'other' });
		expect(classifyInputKey('__proto__')).toEqual({ kind: 'other' });
	});

	it('normalises company domains', () => {
		expect(normalizeDomain('ACME.com')).toBe('acme.com');
		expect(normalizeDomain('http://www.acme.co.uk:8080/x?y')).toBe('acme.co.uk');
		expect(normalizeDomain('acme')).toBeUndefined();
	});
});
