import { parseDiscord, parseGithub, parseLinkedin, parseTwitter } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/social';

describe('social handles: "@handle", bare handle and profile URL alike', () => {
	it.each([
		['@jane_doe', 'jane_doe'],
		['jane_doe', 'jane_doe'],
		['https://twitter.com/jane_doe', 'jane_doe'],
		['https://x.com/jane_doe?s=20', 'jane_doe'],
		['x.com/jane_doe/', 'jane_doe'],
		['  www.twitter.com/jane_doe  ', 'jane_doe'],
	])('twitter %s', (input, handle) => {
		expect(parseTwitter(input)).toEqual({ ok: true, value: { type: 'handle', value: handle } });
	});

	it.each(['jane doe', 'https://github.com/jane', '@', 'jane!'])('twitter rejects %s', (input) => {
		expect(parseTwitter(input).ok).toBe(false);
	});

	it.each([
		['@octo-cat', 'octo-cat'],
		['octo-cat', 'octo-cat'],
		['https://github.com/octo-cat', 'octo-cat'],
		['github.com/octo-cat/repo', 'octo-cat'],
	])('github %s', (input, handle) => {
		expect(parseGithub(input)).toEqual({ ok: true, value: { type: 'handle', value: handle } });
	});

	it.each(['-bad', 'a_b', 'https://gitlab.com/x', 'has space'])('github rejects %s', (input) => {
		expect(parseGithub(input).ok).toBe(false);
	});

	it.each([
		['https://www.linkedin.com/in/jane-doe/', 'in/jane-doe'],
		['linkedin.com/in/jane-doe', 'in/jane-doe'],
		['https://uk.linkedin.com/in/jane-doe/details/experience', 'in/jane-doe'],
		['in/jane-doe', 'in/jane-doe'],
		['@jane-doe', 'in/jane-doe'],
		['jane-doe', 'in/jane-doe'],
		['https://www.linkedin.com/company/acme', 'company/acme'],
	])('linkedin %s', (input, value) => {
		expect(parseLinkedin(input)).toEqual({ ok: true, value: { type: 'handle', value } });
	});

	it.each(['https://linkedin.com/in/', 'in/', 'jane doe', 'https://example.com/in/jane'])(
		'linkedin rejects %s',
		(input) => {
			expect(parseLinkedin(input).ok).toBe(false);
		},
	);

	it('discord: legacy name#1234, unique usernames, and profile URLs', () => {
		expect(parseDiscord('Jane Doe#0420')).toEqual({
			ok: true,
			value: { discord: { type: 'username', username: 'Jane Doe', discriminator: '0420' } },
		});
		expect(parseDiscord('@jane.doe')).toEqual({
			ok: true,
			value: { discord: { type: 'username', username: 'jane.doe', discriminator: '0' } },
		});
		expect(parseDiscord('jane.doe')).toEqual(parseDiscord('@jane.doe'));
		expect(parseDiscord('https://discord.com/users/80351110224678912')).toEqual({
			ok: true,
			value: { externalProfile: { url: 'https://discord.com/users/80351110224678912', name: 'Discord' } },
		});
		expect(parseDiscord('https://discord.com/channels/1/2').ok).toBe(false);
		expect(parseDiscord('two words').ok).toBe(false);
	});
});
