/**
 * Skip Duplicates: which key an activity is remembered by, and the values n8n's store of
 * processed items keeps for it (actions/common/createMemory.ts). Pure, so the rules are tested on
 * their own.
 */
import { fingerprint } from '../../shared/memory';
import type { ActivityBody } from './activityBody';

/** Keys this node remembers at most: older ones are forgotten first. Two stored values each. */
export const REMEMBERED_KEYS = 10_000;
export const STORE_MAX_ENTRIES = REMEMBERED_KEYS * 2;
/** How far back "when it was created" is looked up, in days (UTC). */
export const CREATED_ON_LOOKBACK_DAYS = 31;

export interface DuplicateKey {
	/** What the item is remembered by: the user's key as given (trimmed, NFC), or "fp:<fingerprint>@<day>". */
	key: string;
	/** True when the user gave the key; false for the default fingerprint. */
	mapped: boolean;
}

/**
 * The key of one activity. A mapped key is text, compared exactly after trimming spaces at both
 * ends and Unicode NFC normalisation ("ORD-1" and " ORD-1 " are one key; "ord-1" is another). With
 * no key mapped, the key is a fingerprint of everything sent (type, client, message, thread,
 * visibility, links, tags, data, due date…) and the day it is sent (UTC): the same activity is
 * created at most once a day, and identical activities on different days are all created.
 */
export function duplicateKeyOf(mapped: string, body: ActivityBody, now: Date): DuplicateKey {
	const given = mapped.trim().normalize('NFC');
	if (given !== '') return { key: given, mapped: true };
	return { key: `fp:${fingerprint(body)}@${utcDay(now)}`, mapped: false };
}

/** 2026-12-07 */
export function utcDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The days (UTC) a "created" value may carry and still be found: `now`'s and the CREATED_ON_LOOKBACK_DAYS before, newest first. */
export function lookBackDays(now: Date): string[] {
	return Array.from({ length: CREATED_ON_LOOKBACK_DAYS + 1 }, (_, back) => utcDay(new Date(now.getTime() - back * 86_400_000)));
}

/**
 * The stored values of a key, each prefixed so no key can be mistaken for another kind:
 * - `sent`: recorded right before the request goes out, and kept unless the service refused it;
 *   a key with it counts as created (or in doubt), so it is not sent again;
 * - `created`: recorded with the day the service confirmed it (for "created on").
 */
export const storedValue = {
	sent: (key: string) => `tcg-sent\u0000${key}`,
	created: (key: string, day: string) => `tcg-created\u0000${key}\u0000${day}`,
};
