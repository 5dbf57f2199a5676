/**
 * Only Send Changes: what this node last sent for each contact or activity. Pure, so the rules
 * are tested on their own; actions/sentMemory.ts keeps the record in n8n's store of processed
 * items.
 *
 * That store keeps a set of hashed values and can only say whether a given value is in it, so
 * "the content last sent" is kept as a numbered chain per record: link k (`link` value) says the
 * record was sent a k-th time, and a `content` value says with which content. The last link is
 * the one with the highest number; the record is unchanged when its content value is there. A
 * contact that goes A → B → A gets links 1 (A), 2 (B), 3 (A): it is sent three times, where a set
 * of past contents would have found A and skipped the third.
 */
import { fingerprint } from '../../shared/memory';
import type { IDataObject } from 'n8n-workflow';

/** Contacts and activities this node remembers at most (two stored values a send). */
export const REMEMBERED_RECORDS = 10_000;
export const STORE_MAX_ENTRIES = REMEMBERED_RECORDS * 2;
/** Links looked up at once per record; a record sent more often takes another round. */
export const LINKS_PER_ROUND = 16;

/** The record's key: which contact or activity, never its content. Emails are not kept in clear. */
export function recordKey(kind: 'contact' | 'activity', sourceId: string, id: string): string {
	return fingerprint([kind, sourceId, id]);
}

/** The fingerprint of one request: what changes it is what Common Room would be told. */
export function contentOf(path: string, body: IDataObject): string {
	return fingerprint({ path, body });
}

export const storedValue = {
	link: (key: string, k: number) => `cr-link\u0000${key}\u0000${k}`,
	content: (key: string, k: number, content: string) => `cr-content\u0000${key}\u0000${k}\u0000${content}`,
};

/** The links of round `round` (0: 1 to 16, 1: 17 to 32, …). */
export function linksOfRound(key: string, round: number): string[] {
	return Array.from({ length: LINKS_PER_ROUND }, (_, i) => storedValue.link(key, round * LINKS_PER_ROUND + i + 1));
}

/** The highest link of the round found in the store (0: none); `full` when all were there. */
export function lastLink(key: string, round: number, found: Set<string>): { last: number; full: boolean } {
	let last = 0;
	let count = 0;
	for (let i = 1; i <= LINKS_PER_ROUND; i++) {
		const k = round * LINKS_PER_ROUND + i;
		if (found.has(storedValue.link(key, k))) {
			last = k;
			count++;
		}
	}
	return { last, full: count === LINKS_PER_ROUND };
}
