/**
 * One poll. What counts as new, and the mark kept (helpers/state.ts):
 *
 * - v2 records carry no creation time (Contact and Organization have none; an activity's
 *   `activityTime` is when it happened, which for an imported or late-synced activity is long
 *   before Common Room recorded it). What they all carry is an id with a number, and every list
 *   sorts by it (`sort=id`, `direction`). So the mark is the highest id passed, and new = a
 *   higher id. Ids are unique, so nothing at the mark can come twice and no set of "ids seen at
 *   the mark" is needed. This assumes Common Room numbers records in the order it creates them
 *   (the spec does not say so; the emulator numbers contacts and activities that way).
 * - The v2 lists have no "id above" filter, so a poll reads newest first (`direction=desc`)
 *   and stops at the mark: one request when little is new. A backlog is worked through oldest
 *   first with a stored cursor instead (Include Existing, or one too big to read within n8n's
 *   poll time), Max Events per Poll at a time.
 * - "Contacts Joining the Segment" compares the segment with the contact ids kept at the last
 *   poll (the Contact has no time it joined a segment).
 *
 * Modes: a manual run ("Fetch Test Event") returns the newest matching record and leaves the
 * state alone. In an active workflow the first poll (no state, or state for other parameters)
 * notes the mark and returns null, unless Include Existing on First Poll. The state is written
 * once, after every page was read and every item built: a poll that fails stores nothing, and
 * the next one reads the same records again.
 */
import type { IDataObject, INodeExecutionData, INodeParameterResourceLocator, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { booleanParameter, numberParameter, quote, textList, textParameter } from '../shared/parameters';
import { DEFAULT_MAX_EVENTS, MAX_EVENTS_LIMIT } from './description';
import { buildQuery, CONTACT_RULES, EVENT_KEYS, matcherOf, type ContactRule, type PollEvent, type PollQuery } from './helpers/events';
import { flattenActivity, flattenContact, flattenOrganization } from './helpers/flatten';
import { readUserId } from './helpers/ids';
import { readState, writeState, type PollState } from './helpers/state';
import { checkTarget, contactsOf, newestMark, newestRecord, readNewestFirst, readOldestFirst, readSegment, TEST_EVENT_SCAN } from './reading';

/** n8n 2.x gives a poll 5 minutes (getPollBudgetMs); older versions say nothing, and get the same. */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;
/** Reading newest first stops at this share of the budget, leaving time for the rest of the poll. */
const READ_SHARE_OF_BUDGET = 0.5;

interface Settings {
	query: PollQuery;
	includeExisting: boolean;
	maxEvents: number;
	simplify: boolean;
	addContactFields: boolean;
}

function locatorValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && !Array.isArray(value) && '__rl' in value) {
		return (value as INodeParameterResourceLocator).value;
	}
	return value;
}

function readId(ctx: IPollFunctions, parameter: string, field: string, kind: 'segment' | 'organization', required: boolean): string | undefined {
	const raw = locatorValue(ctx.getNodeParameter(parameter, ''));
	const example = kind === 'segment' ? 's_501' : 'o_3001';
	const text = textParameter(ctx, 0, raw, field, `Pick one from the list, or give its ID, e.g. ${example}.`);
	if (text === '') {
		if (!required) return undefined;
		throw new NodeOperationError(ctx.getNode(), `${field}: is empty`, { description: `Pick a ${kind} from the list, or give its ID, e.g. ${example}.` });
	}
	const id = readUserId(text, kind);
	if (id === undefined) {
		throw new NodeOperationError(ctx.getNode(), `${field}: ${quote(text)} is not a ${kind} ID (${example.slice(0, 2)} and digits)`, {
			description: `Common Room's ${kind} IDs look like ${example}; pick one from the list, or give its ID (the digits alone work too).`,
		});
	}
	return id;
}

function readSettings(ctx: IPollFunctions): Settings {
	const event = ctx.getNodeParameter('event', 'newContact');
	if (typeof event !== 'string' || !EVENT_KEYS.includes(event)) {
		throw new NodeOperationError(ctx.getNode(), `Event: ${quote(event)} is not an event of this trigger`, {
			description: `Choose one of: ${EVENT_KEYS.join(', ')}.`,
		});
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	let query: PollQuery;
	if (event === 'newContact') {
		const rule = ctx.getNodeParameter('contactRule', 'joined');
		if (!CONTACT_RULES.some((known) => known.value === rule)) {
			throw new NodeOperationError(ctx.getNode(), `Counts as New: ${quote(rule)} is not one of the choices`, {
				description: `Choose one of: ${CONTACT_RULES.map((known) => known.value).join(', ')}.`,
			});
		}
		query = buildQuery(event, { segmentId: readId(ctx, 'segment', 'Segment', 'segment', true), contactRule: rule as ContactRule });
	} else if (event === 'newActivity') {
		query = buildQuery(event, {
			organizationId: readId(ctx, 'organization', 'Organization', 'organization', false),
			activityTypes: textList(ctx, 0, ctx.getNodeParameter('activityTypes', []), 'Activity Type Names or IDs'),
		});
	} else {
		query = buildQuery(event as PollEvent, {});
	}
	return {
		query,
		includeExisting: booleanParameter(ctx, 0, options.includeExisting, 'Include Existing on First Poll', false),
		maxEvents: numberParameter(ctx, 0, options.maxEvents, 'Max Events per Poll', {
			fallback: DEFAULT_MAX_EVENTS,
			min: 1,
			max: MAX_EVENTS_LIMIT,
			integer: true,
		}),
		simplify: booleanParameter(ctx, 0, options.simplify, 'Simplify', true),
		addContactFields: event === 'newActivity' && booleanParameter(ctx, 0, options.addContactFields, 'Add Contact Fields', true),
	};
}

function pollBudgetMs(ctx: IPollFunctions): number {
	const budget = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

/** The items, in the records' order: `{ id, type, [segmentId], ...flat fields, payload, [contact] }`. */
async function toItems(ctx: IPollFunctions, settings: Settings, records: IDataObject[]): Promise<INodeExecutionData[]> {
	const { query } = settings;
	const contacts = settings.addContactFields ? await contactsOf(ctx, records) : undefined;
	return records.map((record) => {
		const contact = contacts && typeof record.contactId === 'string' ? (contacts.get(record.contactId) ?? null) : contacts ? null : undefined;
		let flat: IDataObject = {};
		if (settings.simplify) {
			flat =
				query.event === 'newContact'
					? flattenContact(record)
					: query.event === 'newActivity'
						? flattenActivity(record, contact)
						: flattenOrganization(record);
		}
		const json: IDataObject = {
			id: record.id ?? null,
			type: query.event,
			...(query.event === 'newContact' ? { segmentId: query.filters.segmentId as string } : {}),
			...flat,
			payload: record,
			...(contact === undefined ? {} : { contact }),
		};
		return { json };
	});
}

function noTestEvent(ctx: IPollFunctions, query: PollQuery): NodeOperationError {
	const where =
		query.event === 'newContact'
			? `in segment ${String(query.filters.segmentId)}`
			: query.filters.organizationId
				? `for organization ${String(query.filters.organizationId)}`
				: 'in Common Room';
	const types = query.activityTypes.length > 0 ? ` of the chosen types among the newest ${TEST_EVENT_SCAN.toLocaleString('en-US')}` : '';
	return new NodeOperationError(ctx.getNode(), `No ${query.noun}${types} ${where} to use as a test event`, {
		description: `Create one in Common Room (or choose other parameters), then fetch a test event again. An active workflow starts from what exists when it is activated, so it will start with the next ${query.noun}.`,
	});
}

/** The poll() of the node. */
export async function pollCommonRoom(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	const { query } = settings;
	const matches = matcherOf(query);

	if (this.getMode() === 'manual') {
		await checkTarget(this, query);
		const record = await newestRecord(this, query, matches);
		if (!record) throw noTestEvent(this, query);
		return [await toItems(this, settings, [record])];
	}

	const staticData = this.getWorkflowStaticData('node');
	const stored = readState(staticData, query.fingerprint);
	if (!stored) await checkTarget(this, query);
	const deadline = Date.now() + pollBudgetMs(this) * READ_SHARE_OF_BUDGET;
	let next: PollState;
	let records: IDataObject[] = [];

	if (query.rule === 'joined') {
		const known = new Set(stored?.members ?? []);
		const first = stored?.members === undefined;
		const joins = await readSegment(this, query, known, first && !settings.includeExisting ? 0 : settings.maxEvents);
		if (first && !settings.includeExisting) {
			next = { query: query.fingerprint, mark: '0', members: joins.all() };
		} else {
			const result = joins.result();
			records = result.emitted;
			next = { query: query.fingerprint, mark: '0', members: result.members };
		}
	} else {
		let state = stored;
		if (!state) {
			if (!settings.includeExisting) {
				writeState(staticData, { query: query.fingerprint, mark: await newestMark(this, query) });
				return null;
			}
			state = { query: query.fingerprint, mark: '0', drain: { cursor: null } };
		}
		let read: PollState | undefined;
		if (state.drain) {
			const oldest = await readOldestFirst(this, query, state.mark, state.drain.cursor, settings.maxEvents, matches, deadline);
			if (oldest === 'cursorRefused') {
				this.logger.warn(`Common Room Polling Trigger: the stored ${query.noun} cursor was refused; reading newest first from the last ${query.noun} emitted instead`);
			} else {
				records = oldest.selection.emitted;
				read = { query: query.fingerprint, mark: oldest.selection.mark, ...(oldest.next ? { drain: oldest.next } : {}) };
			}
		}
		if (!read) {
			const newest = await readNewestFirst(this, query, state.mark, settings.maxEvents, matches, deadline);
			if (newest === 'overBudget') {
				// Too much is new to read newest first within the poll's time: work through it oldest
				// first from the start, a page range per poll, skipping what is at or below the mark.
				this.logger.warn(`Common Room Polling Trigger: too many new ${query.noun} records to read in one poll; working through them oldest first over the next polls`);
				read = { query: query.fingerprint, mark: state.mark, drain: { cursor: null } };
			} else {
				records = newest.emitted;
				read = { query: query.fingerprint, mark: newest.mark };
			}
		}
		next = read;
	}

	const items = records.length > 0 ? await toItems(this, settings, records) : [];
	writeState(staticData, next);
	return items.length > 0 ? [items] : null;
}
