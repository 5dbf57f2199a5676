/**
 * The trigger's reads, all `sort=id` through the shared transport and limiter (v2Get, v2Pages:
 * one page held at a time, a 429 waited out and the same cursor asked again). Nothing here
 * touches the stored state: poll.ts writes it once everything was read.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pageOf, recordOf, v2Get, v2Pages, V2_MAX_PAGE_SIZE, type V2Page } from '../CommonRoom/transport/v2';
import { COLUMNS, MAX_SEGMENT_MEMBERS, type PollQuery } from './helpers/events';
import { idDigits } from './helpers/ids';
import { NewestFirst, OldestFirst, SegmentJoins, type Matcher, type Selection } from './helpers/select';

function listQs(query: PollQuery, direction: 'asc' | 'desc', cols = true): IDataObject {
	return { ...query.filters, sort: 'id', direction, ...(cols ? { cols: COLUMNS[query.event] } : {}) };
}

/** How far a manual "Fetch Test Event" looks for a record of the chosen activity types. */
export const TEST_EVENT_SCAN = 1000;

/** The newest record that matches (manual runs); undefined when there is none in the first TEST_EVENT_SCAN. */
export async function newestRecord(ctx: IPollFunctions, query: PollQuery, matches: Matcher): Promise<IDataObject | undefined> {
	const filtered = query.activityTypes.length > 0;
	let read = 0;
	for await (const page of v2Pages(ctx, query.path, listQs(query, 'desc'), { pageSize: filtered ? V2_MAX_PAGE_SIZE : 1 })) {
		for (const record of page.records) {
			if (idDigits(record.id, query.kind) !== undefined && matches(record)) return record;
		}
		read += page.records.length;
		if (!filtered || read >= TEST_EVENT_SCAN) return undefined;
	}
	return undefined;
}

/** The digits of the newest record's id, of any type ('0' for an empty list): where a first poll starts. */
export async function newestMark(ctx: IPollFunctions, query: PollQuery): Promise<string> {
	const { body } = await v2Get(ctx, query.path, { ...listQs(query, 'desc', false), limit: 1 });
	const [record] = pageOf(body).records;
	return idDigits(record?.id, query.kind) ?? '0';
}

/**
 * Newest first down to the mark. 'overBudget' when the pages take longer than the deadline
 * (a backlog too big to read this way within n8n's poll time): nothing is emitted, and the
 * caller works through the backlog oldest first instead.
 */
export async function readNewestFirst(
	ctx: IPollFunctions,
	query: PollQuery,
	mark: string,
	max: number,
	matches: Matcher,
	deadline: number,
): Promise<Selection | 'overBudget'> {
	const scan = new NewestFirst(query.kind, mark, max, matches);
	for await (const page of v2Pages(ctx, query.path, listQs(query, 'desc'))) {
		if (!page.records.every((record) => scan.take(record))) break;
		if (page.nextCursor !== null && Date.now() > deadline) return 'overBudget';
	}
	return scan.result();
}

export interface OldestFirstRead {
	selection: Selection;
	/** Where to go on next poll; undefined = the end was reached (back to newest-first reads). */
	next: { cursor: string | null } | undefined;
}

/**
 * Oldest first from `cursor` (null = the first page), up to `max` emitted or the deadline.
 * 'cursorRefused' when Common Room answers 400 to the stored cursor (expired, or from another
 * list): the caller falls back to reading newest first, which loses nothing.
 */
export async function readOldestFirst(
	ctx: IPollFunctions,
	query: PollQuery,
	mark: string,
	cursor: string | null,
	max: number,
	matches: Matcher,
	deadline: number,
): Promise<OldestFirstRead | 'cursorRefused'> {
	const drain = new OldestFirst(query.kind, mark, max, matches);
	const qs = listQs(query, 'asc');
	let requested = cursor;
	let page: V2Page;
	if (cursor === null) {
		page = pageOf((await v2Get(ctx, query.path, { ...qs, limit: V2_MAX_PAGE_SIZE })).body);
	} else {
		const first = await v2Get(ctx, query.path, { ...qs, limit: V2_MAX_PAGE_SIZE, cursor }, { acceptStatuses: [400] });
		if (first.statusCode === 400) return 'cursorRefused';
		page = pageOf(first.body);
	}
	const more = page.nextCursor === null ? undefined : v2Pages(ctx, query.path, qs, { cursor: page.nextCursor });
	for (;;) {
		if (!page.records.every((record) => drain.take(record))) {
			await more?.return(undefined);
			return { selection: drain.result(), next: { cursor: requested } };
		}
		if (page.nextCursor === null || more === undefined) return { selection: drain.result(), next: undefined };
		requested = page.nextCursor;
		if (Date.now() > deadline) {
			await more.return(undefined);
			return { selection: drain.result(), next: { cursor: requested } };
		}
		const step = await more.next();
		if (step.done) return { selection: drain.result(), next: undefined };
		page = step.value;
	}
}

/** Every contact of the segment in id order, against the ids kept at the last poll. */
export async function readSegment(
	ctx: IPollFunctions,
	query: PollQuery,
	known: ReadonlySet<string>,
	max: number,
): Promise<SegmentJoins> {
	const joins = new SegmentJoins(known, max);
	for await (const page of v2Pages(ctx, query.path, listQs(query, 'asc'))) {
		for (const record of page.records) joins.take(record);
		if (joins.size > MAX_SEGMENT_MEMBERS) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Segment ${String(query.filters.segmentId)} holds more than ${MAX_SEGMENT_MEMBERS.toLocaleString('en-US')} contacts`,
				{
					description: `"Contacts Joining the Segment" reads the whole segment at every poll and keeps its contacts' IDs, up to ${MAX_SEGMENT_MEMBERS.toLocaleString('en-US')}. Choose "Newest Contacts Only" under Counts as New (it reads only contacts newer than the last one seen), or a smaller segment.`,
				},
			);
		}
	}
	return joins;
}

/** Contacts asked for at once by Add Contact Fields (the shared limiter paces them whatever this is). */
const CONTACT_READS_IN_FLIGHT = 8;

/**
 * The contacts of these activities (Add Contact Fields), one GET /contacts/{id} each, asked once
 * per contact. A contact Common Room no longer has (404) is null.
 */
export async function contactsOf(ctx: IPollFunctions, activities: IDataObject[]): Promise<Map<string, IDataObject | null>> {
	const ids = [
		...new Set(
			activities
				.map((activity) => activity.contactId)
				.filter((id): id is string => typeof id === 'string' && idDigits(id, 'contact') !== undefined),
		),
	];
	const contacts = new Map<string, IDataObject | null>();
	let next = 0;
	const worker = async () => {
		while (next < ids.length) {
			const id = ids[next++];
			const { statusCode, body } = await v2Get(ctx, `/contacts/${encodeURIComponent(id)}`, { cols: COLUMNS.newContact }, { acceptStatuses: [404] });
			contacts.set(id, statusCode === 404 ? null : (recordOf(body) ?? null));
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONTACT_READS_IN_FLIGHT, ids.length) }, worker));
	return contacts;
}

/**
 * The segment (or organization) the trigger watches exists, and a segment holds contacts: asked
 * on a first poll and a test event, since the lists answer an unknown id with an empty page and
 * the trigger would wait for ever.
 */
export async function checkTarget(ctx: IPollFunctions, query: PollQuery): Promise<void> {
	const segmentId = typeof query.filters.segmentId === 'string' ? query.filters.segmentId : undefined;
	const organizationId = typeof query.filters.organizationId === 'string' ? query.filters.organizationId : undefined;
	const [kind, id, path] = segmentId
		? ['Segment', segmentId, `/segments/${encodeURIComponent(segmentId)}`]
		: organizationId
			? ['Organization', organizationId, `/organizations/${encodeURIComponent(organizationId)}`]
			: [];
	if (!kind || !id || !path) return;
	const { statusCode, body } = await v2Get(ctx, path, undefined, { acceptStatuses: [404] });
	if (statusCode === 404) {
		throw new NodeOperationError(ctx.getNode(), `${kind} ${id} was not found in Common Room`, {
			description: `Pick the ${kind.toLowerCase()} from the list, or check its ID in Common Room. The API token's workspace must be the one that has it.`,
		});
	}
	const entityType = recordOf(body)?.entityType;
	if (segmentId && typeof entityType === 'string' && entityType !== 'contact') {
		throw new NodeOperationError(ctx.getNode(), `Segment ${id} holds ${entityType}s, not contacts`, {
			description: 'New Contact in Segment watches a contact segment: pick one from the list (it shows contact segments only).',
		});
	}
}
