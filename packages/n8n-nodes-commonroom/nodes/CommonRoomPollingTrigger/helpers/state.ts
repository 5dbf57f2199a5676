/**
 * What the trigger keeps between polls, in the workflow's static data for this node (n8n stores
 * it with the workflow). One object under one key, replaced as a whole at the end of a poll that
 * read everything it needed, so a poll that fails leaves the previous state exactly as it was.
 *
 * - `query`: what the state belongs to (event, segment, organization, counting rule). A poll whose
 *   parameters say otherwise starts over, as a first poll.
 * - `mark`: the digits of the highest record id already passed (emitted, or passed over because
 *   it did not match the Activity Types). '0' = before every record. v2 ids are unique and ordered,
 *   so "above the mark" is new and nothing at the mark can come back.
 * - `drain`: set while the trigger works through a backlog oldest first (Include Existing, or a
 *   backlog too big to read newest first within n8n's poll time): the v2 cursor of the page to
 *   read next (null = the first page). Records at or below the mark on it are skipped.
 * - `members`: for "Contacts Joining the Segment", the ids (digits) of the segment's contacts
 *   at the last poll, emitted or already there.
 */
import type { IDataObject } from 'n8n-workflow';

import { compareDigits } from './ids';

export const STATE_KEY = 'commonRoomPoll';
const VERSION = 1;

export interface PollState {
	query: string;
	mark: string;
	drain?: { cursor: string | null };
	members?: string[];
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const DIGITS = /^(0|[1-9]\d{0,29})$/;

/** The stored state for `query`; undefined when there is none, it is for other parameters, or it is damaged. */
export function readState(staticData: IDataObject, query: string): PollState | undefined {
	const stored = staticData[STATE_KEY];
	if (!isObject(stored) || stored.version !== VERSION || stored.query !== query) return undefined;
	if (typeof stored.mark !== 'string' || !DIGITS.test(stored.mark)) return undefined;
	const state: PollState = { query, mark: stored.mark };
	if (stored.drain !== undefined) {
		if (!isObject(stored.drain)) return undefined;
		const cursor = stored.drain.cursor;
		if (cursor !== null && (typeof cursor !== 'string' || cursor === '')) return undefined;
		state.drain = { cursor };
	}
	if (stored.members !== undefined) {
		if (!Array.isArray(stored.members) || !stored.members.every((id) => typeof id === 'string' && DIGITS.test(id))) return undefined;
		state.members = [...stored.members] as string[];
	}
	return state;
}

/** Replaces the stored state (one assignment, after everything was read). */
export function writeState(staticData: IDataObject, state: PollState): void {
	const stored: IDataObject = { version: VERSION, query: state.query, mark: state.mark };
	if (state.drain) stored.drain = { cursor: state.drain.cursor };
	if (state.members) stored.members = [...state.members].sort(compareDigits);
	staticData[STATE_KEY] = stored;
}
