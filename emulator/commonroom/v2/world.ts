// What v2 reads, built from the v1 store for one request: contacts are CommunityMembers (the v1
// contacts sharing a member id, i.e. the same email), organizations come from the seed and from
// contacts' company domains, activities are numbered in the order the store first saw them
// (README "Choices", v2 ids, v2 organizations, v2 lead scores).
import type { LeadScoreDefinition, OrganizationSeed } from '../../seed';
import type { CommonRoomStore, StoredActivity, StoredContact } from '../store';
import { normaliseDomain, organizationNumber } from './ids';

export interface MemberView {
	memberId: number;
	/** Its v1 contacts (one per source + user id), least recently updated first. */
	contacts: StoredContact[];
	/** The contacts merged: each field from the most recently updated contact that has it. */
	merged: StoredContact;
	activities: ActivityView[];
	latestActivityMs: number | null;
	organization: OrganizationView | undefined;
}

export interface OrganizationView {
	number: number;
	name: string;
	primaryDomain: string;
	seed: OrganizationSeed | undefined;
	members: MemberView[];
}

export interface ActivityView {
	/** `a_<number>`: 1-based position in the store's creation order (activities are never deleted). */
	number: number;
	stored: StoredActivity;
	member: MemberView | undefined;
	timeMs: number;
	replyCount: number;
}

export interface ScoreValue {
	score: number;
	percentile: number;
}

export class World {
	readonly members = new Map<number, MemberView>();
	readonly organizations = new Map<number, OrganizationView>();
	readonly activities: ActivityView[] = [];
	private readonly scores = new Map<number, Map<number, ScoreValue>>();

	constructor(readonly store: CommonRoomStore) {
		this.collectMembers(store.allContacts());
		this.collectActivities(store.allActivities());
		this.collectOrganizations(store.seed.organizations ?? []);
	}

	/** Enabled lead-score definitions for contacts or organizations. */
	scoreDefinitions(entityType: LeadScoreDefinition['entityType']): LeadScoreDefinition[] {
		return (this.store.seed.leadScores ?? []).filter((definition) => definition.entityType === entityType && definition.enabled);
	}

	/** A member's (contact definitions) or organization's score; undefined for a disabled definition. */
	score(definition: LeadScoreDefinition, entity: number): ScoreValue | undefined {
		if (!definition.enabled) return undefined;
		let values = this.scores.get(definition.id);
		if (!values) {
			values = this.computeScores(definition);
			this.scores.set(definition.id, values);
		}
		return values.get(entity);
	}

	private collectMembers(contacts: StoredContact[]): void {
		for (const contact of contacts) {
			const member = this.members.get(contact.memberId);
			if (member) member.contacts.push(contact);
			else {
				this.members.set(contact.memberId, {
					memberId: contact.memberId,
					contacts: [contact],
					merged: contact,
					activities: [],
					latestActivityMs: null,
					organization: undefined,
				});
			}
		}
		for (const member of this.members.values()) {
			// Stable sort: contacts updated in the same millisecond keep the store's order.
			member.contacts.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
			member.merged = mergeContacts(member.contacts);
		}
	}

	private collectActivities(activities: StoredActivity[]): void {
		const replies = new Map<string, number>();
		for (const activity of activities) {
			const parent = activity.parentActivity;
			if (parent) {
				const key = activityKey(activity.sourceId, parent.id, parent.activityType);
				replies.set(key, (replies.get(key) ?? 0) + 1);
			}
		}
		activities.forEach((stored, index) => {
			const member = this.members.get(stored.memberId);
			const timeMs = Date.parse(stored.timestamp);
			const view: ActivityView = {
				number: index + 1,
				stored,
				member,
				timeMs,
				replyCount: replies.get(activityKey(stored.sourceId, stored.id, stored.activityType)) ?? 0,
			};
			this.activities.push(view);
			if (member) {
				member.activities.push(view);
				if (member.latestActivityMs === null || timeMs > member.latestActivityMs) member.latestActivityMs = timeMs;
			}
		});
	}

	/**
	 * Seeded organizations first; then one per company domain a contact gives; then contacts with a
	 * company name but no domain join the organization of that name, if there is one.
	 */
	private collectOrganizations(seeded: OrganizationSeed[]): void {
		const byDomain = new Map<string, OrganizationView>();
		const byName = new Map<string, OrganizationView>();
		const add = (org: OrganizationView) => {
			while (this.organizations.has(org.number)) org.number += 1; // a hash collision: the next free number
			this.organizations.set(org.number, org);
			byDomain.set(org.primaryDomain, org);
			if (!byName.has(nameKey(org.name))) byName.set(nameKey(org.name), org);
		};
		for (const seed of seeded) {
			const domain = normaliseDomain(seed.primaryDomain) ?? seed.primaryDomain;
			add({ number: seed.id ?? organizationNumber(domain), name: seed.name, primaryDomain: domain, seed, members: [] });
		}
		const nameOnly: MemberView[] = [];
		for (const member of [...this.members.values()].sort((a, b) => a.memberId - b.memberId)) {
			const domain = normaliseDomain(member.merged.companyDomain);
			const companyName = text(member.merged.companyName);
			if (!domain) {
				if (companyName) nameOnly.push(member);
				continue;
			}
			let org = byDomain.get(domain);
			if (!org) {
				org = { number: organizationNumber(domain), name: companyName ?? domain, primaryDomain: domain, seed: undefined, members: [] };
				add(org);
			} else if (!org.seed && org.name === org.primaryDomain && companyName) org.name = companyName;
			join(member, org);
		}
		for (const member of nameOnly) {
			const org = byName.get(nameKey(text(member.merged.companyName) as string));
			if (org) join(member, org);
		}
	}

	/** Points per counted activity, capped at 100; percentile = share of entities scoring lower. */
	private computeScores(definition: LeadScoreDefinition): Map<number, ScoreValue> {
		const counts = (activities: ActivityView[]) =>
			activities.filter((a) => !definition.activityTypes || definition.activityTypes.includes(a.stored.activityType)).length;
		const raw = new Map<number, number>();
		if (definition.entityType === 'contact') {
			for (const member of this.members.values()) raw.set(member.memberId, counts(member.activities));
		} else {
			for (const org of this.organizations.values()) raw.set(org.number, counts(org.members.flatMap((m) => m.activities)));
		}
		const scores = new Map([...raw].map(([entity, count]) => [entity, Math.min(100, count * definition.pointsPerActivity)]));
		const sorted = [...scores.values()].sort((a, b) => a - b);
		const values = new Map<number, ScoreValue>();
		for (const [entity, score] of scores) {
			const lower = lowerBound(sorted, score);
			values.set(entity, { score, percentile: sorted.length > 0 ? Math.round((100 * lower) / sorted.length) : 0 });
		}
		return values;
	}
}

function join(member: MemberView, org: OrganizationView): void {
	member.organization = org;
	org.members.push(member);
}

/** Later contacts win, field by field; null and undefined never overwrite a value. */
function mergeContacts(contacts: StoredContact[]): StoredContact {
	const merged = { ...contacts[0] } as Record<string, unknown>;
	for (const contact of contacts.slice(1)) {
		for (const [key, value] of Object.entries(contact)) if (value !== undefined && value !== null) merged[key] = value;
	}
	merged.tags = unique(contacts.flatMap((c) => c.tags), (tag) => tag.id);
	merged.customFields = Object.assign({}, ...contacts.map((c) => c.customFields));
	return merged as StoredContact;
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
	const seen = new Map<string, T>();
	for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
	return [...seen.values()];
}

/** Index of the first value >= wanted in an ascending array = how many are lower. */
function lowerBound(sorted: number[], wanted: number): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] < wanted) low = middle + 1;
		else high = middle;
	}
	return low;
}

export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function nameKey(name: string): string {
	return name.trim().toLowerCase();
}

function activityKey(sourceId: number, id: string, activityType: string): string {
	return `${sourceId}\u0000${id}\u0000${activityType}`;
}
