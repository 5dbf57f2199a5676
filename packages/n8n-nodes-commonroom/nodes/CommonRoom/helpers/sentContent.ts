/**
 * Only Send Changes: what this node last sent for each contact or activity, as a fingerprint of
 * the request (path and body). Pure, so the rules are tested on their own; actions/sentMemory.ts
 * keeps it in the workflow's static data and this n8n process.
 *
 * The record is the LAST content sent, not a set of past ones: a contact that goes A → B → A is
 * sent three times (with a set, the third A would look sent and Common Room would keep B).
 */
import type { IDataObject } from 'n8n-workflow';

import { fingerprint } from '../../shared/memory';

/** Contacts and activities this node remembers at most; the longest unsent are forgotten first. */
export const REMEMBERED_RECORDS = 10_000;

export interface SentEntry {
	/** Fingerprint of what was sent. */
	content: string;
	/** When (epoch ms). */
	at: number;
}

/** The record's key: which contact or activity, never its content. Emails are not kept in clear. */
export function recordKey(kind: 'contact' | 'activity', sourceId: string, id: string): string {
	return fingerprint([kind, sourceId, id]);
}

/** The fingerprint of one request: what changes it is what Common Room would be told. */
export function contentOf(path: string, body: IDataObject): string {
	return fingerprint({ path, body });
}

/**
 * The record as static data stores it: `{ "<key>": "<content>.<at in base 36>" }` (a contact in
 * about 55 bytes). Entries that do not read as one are ignored.
 */
export function readSent(stored: unknown): Map<string, SentEntry> {
	const sent = new Map<string, SentEntry>();
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return sent;
	for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
		if (typeof value !== 'string') continue;
		const dot = value.lastIndexOf('.');
		const at = parseInt(value.slice(dot + 1), 36);
		if (dot > 0 && Number.isFinite(at)) sent.set(key, { content: value.slice(0, dot), at });
	}
	return sent;
}

export function writeSent(sent: Map<string, SentEntry>): IDataObject {
	const kept = [...sent].sort(([, a], [, b]) => a.at - b.at).slice(-REMEMBERED_RECORDS);
	const stored = Object.create(null) as Record<string, string>;
	for (const [key, entry] of kept) stored[key] = `${entry.content}.${entry.at.toString(36)}`;
	return stored as unknown as IDataObject;
}

/** The newer of two entries for a key (another execution may have sent since this one read). */
export function newer(a: SentEntry | undefined, b: SentEntry | undefined): SentEntry | undefined {
	if (!a) return b;
	if (!b) return a;
	return b.at > a.at ? b : a;
}
