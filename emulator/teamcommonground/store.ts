// Team Common Ground's stored world: clients, external-id mappings, activities, skipped requests,
// and the integrations' event settings. Everything is scoped by businessId (the API key's business);
// seed entries without businessId belong to the first key's business (README "Choices", businesses).
import type { TcgEventSettings, TeamCommonGroundSeed } from '../seed';
import type { ClientLookup } from './schemas';

export interface StoredClient {
	id: string;
	businessId: string;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	phone: string | null;
	/** The client's user id (Firebase Auth UID) — what `user:` visibility entries name. */
	userId: string | null;
	origin: 'seed' | 'autoCreated';
	createdAt: string;
}

export interface StoredMapping {
	businessId: string;
	source: string;
	externalId: string;
	clientId: string;
	/** seed = pre-mapped in settings; autoCreated = with an auto-created client; learned = id sent with a match by email/phone. */
	origin: 'seed' | 'autoCreated' | 'learned';
	createdAt: string;
}

export type ClientStatus = 'matched' | 'created' | 'unmatched' | 'none';
export type MatchedBy = 'id' | 'email' | 'phone';

export interface StoredTcgActivity {
	id: string;
	businessId: string;
	requestId: string;
	type: string;
	source: string | null;
	/** TCG doc: "Display Name" — the integration's customName, else the capitalised source. */
	sourceDisplayName: string | null;
	/** The `client` lookup object as sent. */
	clientLookup: ClientLookup | null;
	clientId: string | null;
	clientStatus: ClientStatus;
	matchedBy: MatchedBy | null;
	message: string | null;
	tags: string[];
	links: string[];
	/** Effective visibility (role:owner added, user: ids converted, inherited for replies). */
	visibility: string[];
	/** Visibility as sent (undefined when omitted). */
	requestedVisibility?: string[];
	createdBy: string;
	threadId: string;
	parentActivityId: string | null;
	dueAt: string | null;
	hasTime: boolean | null;
	data: Record<string, unknown> | null;
	createdAt: string;
	/** The request body exactly as sent (seeded activities: undefined). */
	payload?: unknown;
}

export interface SkippedTcgRequest {
	requestId: string;
	businessId: string;
	source: string | null;
	type: string;
	clientLookup: ClientLookup | null;
	reason: string;
	receivedAt: string;
	payload: unknown;
}

export class TeamCommonGroundStore {
	readonly clients = new Map<string, StoredClient>();
	readonly mappings: StoredMapping[] = [];
	readonly activities = new Map<string, StoredTcgActivity>();
	readonly skipped: SkippedTcgRequest[] = [];
	readonly defaultBusinessId: string;

	constructor(readonly seed: TeamCommonGroundSeed) {
		const now = new Date().toISOString();
		this.defaultBusinessId = seed.keys[0].businessId;
		const business = (id: string | undefined) => id ?? this.defaultBusinessId;
		for (const c of seed.clients) {
			this.clients.set(c.id, {
				id: c.id,
				businessId: business(c.businessId),
				firstName: c.firstName,
				lastName: c.lastName ?? null,
				email: c.email ?? null,
				phone: c.phone ?? null,
				userId: c.userId ?? null,
				origin: 'seed',
				createdAt: now,
			});
		}
		for (const m of seed.mappings) {
			this.mappings.push({ businessId: business(m.businessId), source: m.source, externalId: m.externalId, clientId: m.clientId, origin: 'seed', createdAt: now });
		}
		for (const a of seed.activities) {
			this.activities.set(a.id, {
				id: a.id,
				businessId: business(a.businessId),
				requestId: 'seed',
				type: a.type,
				source: a.source ?? null,
				sourceDisplayName: a.source ? this.displayName(business(a.businessId), a.source) : null,
				clientLookup: null,
				clientId: a.clientId ?? null,
				clientStatus: a.clientId ? 'matched' : 'none',
				matchedBy: null,
				message: a.message ?? null,
				tags: [],
				links: [],
				visibility: a.visibility ?? ['role:owner', 'role:admin', 'role:staff'],
				createdBy: 'system',
				threadId: a.threadId ?? a.id,
				parentActivityId: a.parentActivityId ?? null,
				dueAt: null,
				hasTime: null,
				data: null,
				createdAt: now,
			});
		}
	}

	clientsOf(businessId: string): StoredClient[] {
		return [...this.clients.values()].filter((client) => client.businessId === businessId);
	}

	findMapping(businessId: string, source: string, externalId: string): StoredMapping | undefined {
		return this.mappings.find((m) => m.businessId === businessId && m.source === source && m.externalId === externalId);
	}

	addMapping(businessId: string, source: string, externalId: string, clientId: string, origin: StoredMapping['origin']): void {
		if (this.findMapping(businessId, source, externalId)) return;
		this.mappings.push({ businessId, source, externalId, clientId, origin, createdAt: new Date().toISOString() });
	}

	addClient(client: StoredClient): void {
		this.clients.set(client.id, client);
	}

	activity(businessId: string, id: string): StoredTcgActivity | undefined {
		const activity = this.activities.get(id);
		return activity?.businessId === businessId ? activity : undefined;
	}

	/** TCG doc: "Event Settings" — per integration; the seed's global settings where none is set. */
	eventSettings(businessId: string, source: string | undefined): TcgEventSettings {
		const integration = source ? this.integration(businessId, source) : undefined;
		return { ...this.seed.eventSettings, ...(integration?.eventSettings ?? {}) };
	}

	/** TCG doc: "Display Name" — customName, else the source capitalised (goku → Goku). */
	displayName(businessId: string, source: string): string {
		const custom = this.integration(businessId, source)?.customName;
		return custom ?? source.charAt(0).toUpperCase() + source.slice(1);
	}

	private integration(businessId: string, source: string) {
		return this.seed.integrations.find((i) => (i.businessId ?? this.defaultBusinessId) === businessId && i.sourceId === source);
	}
}
