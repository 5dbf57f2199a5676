// POST /__emulator/commonRoom/bulk: many contacts (and activities) at once for paging tests,
// written straight into the store as v1 upserts would write them, without HTTP and without
// firing webhooks (README "Control endpoints").
import { z } from 'zod';
import type { CommonRoomStore } from '../store';
import { formatId } from './ids';

export const bulkSchema = z
	.object({
		contacts: z.number().int().min(1).max(10_000),
		/** Numbers contacts from here: a second call with another `from` adds, the same one updates. */
		from: z.number().int().min(1).default(1),
		idPrefix: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and -').default('bulk'),
		sourceId: z.number().int().optional(),
		activitiesPerContact: z.number().int().min(0).max(20).default(0),
		activityType: z.string().optional(),
		/** Spread the contacts over this many companies (domains `<prefix>-company-<k>.example`). */
		companies: z.number().int().min(0).max(1_000).default(0),
		/** Add every contact to this v1 segment. */
		segmentId: z.number().int().optional(),
		/** The first activity's time; each later one is a minute after the previous. */
		startAt: z.string().datetime().default('2026-01-01T00:00:00.000Z'),
	})
	.strict();

export type BulkInput = z.input<typeof bulkSchema>;

export interface BulkResult {
	contacts: number;
	activities: number;
	/** v2 ids of the first and last contact written. */
	firstContactId: string;
	lastContactId: string;
}

export function seedBulk(store: CommonRoomStore, raw: BulkInput): BulkResult {
	const input = bulkSchema.parse(raw);
	const sourceId = input.sourceId ?? store.seed.sources[0].id;
	if (!store.hasSource(sourceId)) throw new Error(`sourceId: no source ${sourceId}`);
	const activityType = input.activityType ?? store.seed.activityTypes[0].id;
	if (!store.seed.activityTypes.some((type) => type.id === activityType)) throw new Error(`activityType: unknown ${activityType}`);
	if (input.segmentId !== undefined && !store.seed.segments.some((s) => s.id === input.segmentId)) {
		throw new Error(`segmentId: no segment ${input.segmentId}`);
	}
	const startMs = Date.parse(input.startAt);
	const memberIds: number[] = [];
	let activities = 0;
	for (let n = input.from; n < input.from + input.contacts; n++) {
		const email = `${input.idPrefix}-${n}@example.com`;
		const company = input.companies > 0 ? ((n - 1) % input.companies) + 1 : undefined;
		const user = {
			id: email,
			email,
			fullName: `${input.idPrefix} contact ${n}`,
			...(company === undefined ? {} : { companyName: `${input.idPrefix} company ${company}`, companyDomain: `${input.idPrefix}-company-${company}.example` }),
		};
		const contact = store.upsertUser(sourceId, user, user);
		memberIds.push(contact.memberId);
		for (let j = 0; j < input.activitiesPerContact; j++) {
			const timestamp = new Date(startMs + activities * 60_000).toISOString();
			const activity = { id: `${input.idPrefix}-${n}-${j + 1}`, activityType, user, timestamp, content: { type: 'text' as const, value: `activity ${j + 1} of ${email}` } };
			store.upsertActivity(sourceId, activity, activity);
			activities += 1;
		}
	}
	if (input.segmentId !== undefined) store.addToSegment(input.segmentId, memberIds, null);
	return {
		contacts: memberIds.length,
		activities,
		firstContactId: formatId('contact', memberIds[0]),
		lastContactId: formatId('contact', memberIds[memberIds.length - 1]),
	};
}
