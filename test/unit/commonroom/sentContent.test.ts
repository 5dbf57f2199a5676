import { contentOf, lastLink, linksOfRound, LINKS_PER_ROUND, recordKey, storedValue } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/sentContent';

describe('Only Send Changes: the chain of links per record', () => {
	it('the last link is the highest one found, gaps (links the store dropped first) and all', () => {
		const key = recordKey('contact', '12345', 'ada@example.com');
		const found = new Set([storedValue.link(key, 3), storedValue.link(key, 5)]);
		expect(lastLink(key, 0, found)).toEqual({ last: 5, full: false });
		expect(lastLink(key, 0, new Set())).toEqual({ last: 0, full: false });
		const all = new Set(linksOfRound(key, 0));
		expect(lastLink(key, 0, all)).toEqual({ last: LINKS_PER_ROUND, full: true });
		expect(linksOfRound(key, 1)[0]).toBe(storedValue.link(key, LINKS_PER_ROUND + 1));
	});

	it('keys name the record, not its content, and never its email in clear; contents differ with any change', () => {
		const key = recordKey('contact', '12345', 'ada@example.com');
		expect(key).not.toContain('ada');
		expect(recordKey('activity', '12345', 'ada@example.com')).not.toBe(key);
		expect(recordKey('contact', '12346', 'ada@example.com')).not.toBe(key);
		expect(contentOf('/source/1/user', { a: 1, b: 2 })).toBe(contentOf('/source/1/user', { b: 2, a: 1 }));
		expect(contentOf('/source/1/user', { a: 1 })).not.toBe(contentOf('/source/2/user', { a: 1 }));
		expect(contentOf('/source/1/user', { a: '1' })).not.toBe(contentOf('/source/1/user', { a: 1 }));
	});
});
