// Client matching — TCG doc: "Client Matching" / "Matching Priority": external id (client.id +
// source, via mappings) → email (case-insensitive) → phone (normalised). First match wins.
// Then "Event Settings": auto-create from client.id when enabled (name resolution per
// "Client Name Resolution").
import { randomId } from '../ids';
import type { ClientLookup } from './schemas';
import type { MatchedBy, StoredClient, TeamCommonGroundStore } from './store';

/**
 * Digits only; an 11-digit number starting with the North-American country code 1 drops it,
 * so "+1 (555) 123-4567", "(555) 123-4567", "555-123-4567", "5551234567" and "+15551234567" are
 * all "5551234567" (README "Choices", phone normalisation).
 */
export function normalisePhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

export function findClient(
	store: TeamCommonGroundStore,
	businessId: string,
	source: string | undefined,
	lookup: ClientLookup,
): { client: StoredClient; matchedBy: MatchedBy } | undefined {
	if (lookup.id && source) {
		const mapping = store.findMapping(businessId, source, lookup.id);
		const client = mapping && store.clients.get(mapping.clientId);
		if (client) return { client, matchedBy: 'id' };
	}
	const clients = store.clientsOf(businessId);
	if (lookup.email) {
		const email = lookup.email.trim().toLowerCase();
		const client = clients.find((c) => c.email?.trim().toLowerCase() === email);
		if (client) return { client, matchedBy: 'email' };
	}
	if (lookup.phone) {
		const phone = normalisePhone(lookup.phone);
		const client = phone ? clients.find((c) => c.phone && normalisePhone(c.phone) === phone) : undefined;
		if (client) return { client, matchedBy: 'phone' };
	}
	return undefined;
}

/** TCG doc: "Auto-Create Clients" — first name firstName → email → phone → id; last name or null. */
export function autoCreateClient(store: TeamCommonGroundStore, businessId: string, lookup: ClientLookup & { id: string }): StoredClient {
	const client: StoredClient = {
		id: `client_${randomId(16)}`,
		businessId,
		firstName: lookup.firstName || lookup.email || lookup.phone || lookup.id,
		lastName: lookup.lastName || null,
		email: lookup.email ?? null,
		phone: lookup.phone ?? null,
		userId: null,
		origin: 'autoCreated',
		createdAt: new Date().toISOString(),
	};
	store.addClient(client);
	return client;
}
