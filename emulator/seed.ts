// Seed data: the fixed world both services start from (and return to on reset). Validated with
// zod at load so a broken seed fails loudly at start, not as a strange answer mid-test.
// The format is documented in emulator/README.md "Seed format".
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { WEBHOOK_EVENTS } from './commonroom/webhookPayloads';
import { compileAllowList } from './teamcommonground/ipAllowList';

export const DEFAULT_SEED_PATH = join(__dirname, 'seed', 'demo.json');

const customFieldType = z.enum(['string', 'int', 'number', 'date', 'url', 'boolean', 'enum']);
const entityType = z.enum(['member', 'activity', 'company']);

export const customFieldSchema = z.object({
	id: z.number().int().positive(),
	name: z.string().min(1),
	type: customFieldType,
	multivalue: z.boolean(),
	values: z.array(z.string()).optional(),
	/** Source ids allowed to write the field; absent = every source (README "Choices", custom fields). */
	writableBySourceIds: z.array(z.number().int()).optional(),
});

const commonRoomSeedSchema = z.object({
	// v1 spec: components/schemas/ApiToken — what /api-token-status answers, per token.
	tokens: z.array(z.object({ token: z.string().min(8), jti: z.string().min(1) })).min(1),
	communityName: z.string(),
	communityId: z.string(),
	// v1 spec: destinationSourceId is an integer path parameter.
	sources: z.array(z.object({ id: z.number().int().positive(), name: z.string() })).min(1),
	customFields: z.array(customFieldSchema),
	activityTypes: z.array(z.object({ id: z.string().min(1), displayName: z.string() })).min(1),
	segments: z.array(
		z.object({
			id: z.number().int().positive(),
			name: z.string(),
			statuses: z.array(z.object({ id: z.number().int().positive(), name: z.string() })),
			/** v2 spec: ApiSegment.entityType; v1 knows contact segments only (absent = contact). */
			entityType: z.enum(['contact', 'organization', 'object']).optional(),
			description: z.string().nullable().optional(),
		}),
	),
	/** v2 organizations beyond those derived from contacts' companies (README "Choices", v2 organizations). */
	organizations: z
		.array(
			z.object({
				id: z.number().int().positive().optional(),
				name: z.string().min(1),
				primaryDomain: z.string().min(1),
				about: z.string().nullable().optional(),
				employees: z.number().int().nonnegative().nullable().optional(),
				linkedInUrl: z.string().nullable().optional(),
				subIndustry: z.string().nullable().optional(),
				revenueRangeMin: z.number().int().nullable().optional(),
				revenueRangeMax: z.number().int().nullable().optional(),
				location: z.object({ city: z.string().optional(), region: z.string().optional(), country: z.string().optional() }).nullable().optional(),
			}),
		)
		.optional(),
	/** v2 lead-score definitions; scores are computed from activities (README "Choices", v2 lead scores). */
	leadScores: z
		.array(
			z.object({
				id: z.number().int().positive(),
				name: z.string().min(1),
				entityType: z.enum(['contact', 'organization']),
				enabled: z.boolean().default(true),
				isPrimaryScore: z.boolean().default(false),
				/** Activity types that count; absent = every type. */
				activityTypes: z.array(z.string()).optional(),
				pointsPerActivity: z.number().positive().default(10),
			}),
		)
		.optional(),
	tags: z.array(
		z.object({
			id: z.string().min(1),
			name: z.string().min(1),
			description: z.string().nullable().optional(),
			entityTypes: z.array(entityType).optional(),
			createdAt: z.string().datetime().optional(),
			deletedAt: z.string().datetime().nullable().optional(),
		}),
	),
	/** Pre-existing contacts: an ApiUser (stored as if upserted through `sourceId`). */
	contacts: z
		.array(z.object({ sourceId: z.number().int(), user: z.record(z.unknown()).and(z.object({ id: z.string() })) }))
		.optional(),
	/** Settings > Webhooks (webhooks ref "Setup"): a name, a payload URL, an optional secret. */
	webhooks: z
		.array(z.object({ id: z.string().min(1), name: z.string().optional(), url: z.string(), secret: z.string().optional() }))
		.optional(),
	/** Common Room workflows: which event posts to which webhook (README "Webhooks"). */
	workflows: z
		.array(z.object({ id: z.number().int().positive(), name: z.string().min(1), event: z.enum(WEBHOOK_EVENTS), webhookId: z.string() }))
		.optional(),
});

const tcgSettingsSchema = z.object({
	clientMatching: z.enum(['all', 'existingOnly']),
	autoCreateClients: z.boolean(),
});

const businessScoped = { businessId: z.string().optional() };

const teamCommonGroundSeedSchema = z.object({
	keys: z
		.array(
			z.object({
				key: z.string().min(8),
				businessId: z.string().min(1),
				allowedIps: z.array(z.string()).optional(),
			}),
		)
		.min(1),
	/** Global event settings; an integration's own settings override them for its source. */
	eventSettings: tcgSettingsSchema.default({ clientMatching: 'all', autoCreateClients: false }),
	integrations: z
		.array(
			z.object({
				...businessScoped,
				sourceId: z.string().min(1),
				customName: z.string().optional(),
				eventSettings: tcgSettingsSchema.partial().optional(),
			}),
		)
		.default([]),
	users: z.array(z.object({ ...businessScoped, id: z.string().min(1), name: z.string().optional() })).default([]),
	clients: z
		.array(
			z.object({
				...businessScoped,
				id: z.string().min(1),
				firstName: z.string().nullable(),
				lastName: z.string().nullable().optional(),
				email: z.string().nullable().optional(),
				phone: z.string().nullable().optional(),
				userId: z.string().nullable().optional(),
			}),
		)
		.default([]),
	mappings: z
		.array(z.object({ ...businessScoped, source: z.string().min(1), externalId: z.string().min(1), clientId: z.string() }))
		.default([]),
	/** Pre-existing activities (e.g. thread roots the documentation's threading examples reply to). */
	activities: z
		.array(
			z.object({
				...businessScoped,
				id: z.string().min(1),
				type: z.string(),
				source: z.string().optional(),
				message: z.string().optional(),
				clientId: z.string().nullable().optional(),
				threadId: z.string().optional(),
				parentActivityId: z.string().optional(),
				visibility: z.array(z.string()).optional(),
			}),
		)
		.default([]),
});

export const seedSchema = z.object({
	commonRoom: commonRoomSeedSchema,
	teamCommonGround: teamCommonGroundSeedSchema,
});

/** What a seed file may contain (defaults not yet applied). */
export type SeedData = z.input<typeof seedSchema>;
/** A validated seed with defaults applied. */
export type Seed = z.output<typeof seedSchema>;
export type CommonRoomSeed = Seed['commonRoom'];
export type TeamCommonGroundSeed = Seed['teamCommonGround'];
export type CustomFieldDefinition = CommonRoomSeed['customFields'][number];
export type SegmentDefinition = CommonRoomSeed['segments'][number];
export type OrganizationSeed = NonNullable<CommonRoomSeed['organizations']>[number];
export type LeadScoreDefinition = NonNullable<CommonRoomSeed['leadScores']>[number];
export type TcgEventSettings = z.output<typeof tcgSettingsSchema>;

/** Loads (if a path) and validates a seed; throws an Error listing every problem. */
export function loadSeed(seed: SeedData | string | undefined): Seed {
	let raw: unknown = seed;
	if (seed === undefined || typeof seed === 'string') {
		const path = seed === undefined ? DEFAULT_SEED_PATH : isAbsolute(seed) ? seed : resolve(process.cwd(), seed);
		raw = JSON.parse(readFileSync(path, 'utf8'));
	}
	const parsed = seedSchema.safeParse(raw);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
		throw new Error(`Invalid emulator seed:\n  ${problems.join('\n  ')}`);
	}
	checkReferences(parsed.data);
	return parsed.data;
}

/** Cross-references zod cannot see: ids unique, enum fields have values, mappings point at clients. */
function checkReferences(seed: Seed): void {
	const problems: string[] = [];
	const cr = seed.commonRoom;
	for (const field of cr.customFields) {
		if (field.type === 'enum' && !field.values?.length) problems.push(`customFields ${field.id}: enum needs values`);
	}
	unique(cr.customFields.map((f) => f.id), 'commonRoom.customFields id', problems);
	unique(cr.sources.map((s) => s.id), 'commonRoom.sources id', problems);
	unique(cr.tags.map((t) => t.id), 'commonRoom.tags id', problems);
	unique(cr.tokens.map((t) => t.token), 'commonRoom.tokens token', problems);
	unique((cr.webhooks ?? []).map((w) => w.id), 'commonRoom.webhooks id', problems);
	unique((cr.organizations ?? []).flatMap((o) => (o.id === undefined ? [] : [o.id])), 'commonRoom.organizations id', problems);
	unique((cr.organizations ?? []).map((o) => o.primaryDomain.trim().toLowerCase()), 'commonRoom.organizations primaryDomain', problems);
	unique((cr.leadScores ?? []).map((l) => l.id), 'commonRoom.leadScores id', problems);
	unique((cr.workflows ?? []).map((w) => w.id), 'commonRoom.workflows id', problems);
	for (const workflow of cr.workflows ?? []) {
		if (!cr.webhooks?.some((w) => w.id === workflow.webhookId)) problems.push(`workflow ${workflow.id}: unknown webhook ${workflow.webhookId}`);
	}
	const tcg = seed.teamCommonGround;
	const clientIds = new Set(tcg.clients.map((c) => c.id));
	for (const mapping of tcg.mappings) {
		if (!clientIds.has(mapping.clientId)) problems.push(`mapping ${mapping.source}:${mapping.externalId}: unknown client`);
	}
	unique(tcg.clients.map((c) => c.id), 'teamCommonGround.clients id', problems);
	unique(tcg.keys.map((k) => k.key), 'teamCommonGround.keys key', problems);
	for (const key of tcg.keys) {
		try {
			compileAllowList(key.allowedIps ?? []);
		} catch (error) {
			problems.push(`teamCommonGround.keys ${key.businessId}: ${(error as Error).message}`);
		}
	}
	if (problems.length > 0) throw new Error(`Invalid emulator seed:\n  ${problems.join('\n  ')}`);
}

function unique(values: Array<string | number>, what: string, problems: string[]): void {
	const seen = new Set<string | number>();
	for (const value of values) {
		if (seen.has(value)) problems.push(`${what} ${value} is duplicated`);
		seen.add(value);
	}
}
