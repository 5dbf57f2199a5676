// POST /v1/activities once the payload is valid: threading checks, client matching with the
// event settings, visibility, then the stored activity and the 201 answer.
import { randomId } from '../ids';
import type { ApiResponse } from '../http';
import { autoCreateClient, findClient } from './matching';
import { invalidPayload } from './responses';
import type { ActivityPayload } from './schemas';
import type { ClientStatus, MatchedBy, StoredTcgActivity, TeamCommonGroundStore } from './store';
import { resolveVisibility } from './visibility';

/** The 201 body's `client`: TCG doc "201 Created" shows only "matched" (README "Choices", client response). */
interface ClientOutcome {
	status: ClientStatus;
	clientId: string | null;
	matchedBy: MatchedBy | null;
}

export function createActivity(store: TeamCommonGroundStore, businessId: string, payload: ActivityPayload, raw: unknown): ApiResponse {
	const thread = resolveThread(store, businessId, payload);
	if ('problems' in thread) return invalidPayload(thread.problems);

	const requestId = randomId(12);
	const outcome = matchClient(store, businessId, payload);
	if (outcome === 'skip') {
		// TCG doc: "Event Settings" → "Only activities matching existing clients - Skip activities
		// where no client is found". What the API answers then is our choice (README "Choices", event settings).
		const reason = 'No client matched and the integration only accepts activities for existing clients';
		store.skipped.push({
			requestId,
			businessId,
			source: payload.source ?? null,
			type: payload.type,
			clientLookup: payload.client ?? null,
			reason,
			receivedAt: new Date().toISOString(),
			payload: raw,
		});
		return {
			status: 200,
			body: { status: 'skipped', activityId: null, requestId, reason, client: { status: 'unmatched', clientId: null, matchedBy: null } },
		};
	}

	const source = payload.source;
	const visibility = resolveVisibility(payload.visibility, thread.parent?.visibility, (externalId) => {
		if (!source) return undefined;
		const mapping = store.findMapping(businessId, source, externalId);
		return (mapping && store.clients.get(mapping.clientId)?.userId) || undefined;
	});
	const id = randomId(20);
	const activity: StoredTcgActivity = {
		id,
		businessId,
		requestId,
		type: payload.type,
		source: source ?? null,
		sourceDisplayName: source ? store.displayName(businessId, source) : null,
		clientLookup: payload.client ?? null,
		clientId: outcome.clientId,
		clientStatus: outcome.status,
		matchedBy: outcome.matchedBy,
		message: payload.message ?? null,
		tags: payload.tags ?? [],
		links: payload.links ?? [], // stored only: no previews are fetched (README "Choices", links)
		visibility,
		requestedVisibility: payload.visibility,
		createdBy: payload.createdBy ?? 'system', // TCG doc: createdBy "defaults to system"
		// TCG doc: "Thread Behavior" — a root's threadId is its own id.
		threadId: payload.threadId ?? id,
		parentActivityId: payload.parentActivityId ?? null,
		dueAt: payload.dueAt ?? null,
		hasTime: payload.hasTime ?? null,
		data: payload.data ?? null,
		createdAt: new Date().toISOString(),
		payload: raw,
	};
	store.activities.set(id, activity);
	// TCG doc: "201 Created".
	return { status: 201, body: { status: 'success', activityId: id, requestId, client: outcome } };
}

/**
 * A reply names an existing root in threadId and, optionally, an activity of that thread as
 * parent (README "Choices", threading: unknown ids → 400). Returns the activity whose visibility
 * a reply inherits.
 */
function resolveThread(
	store: TeamCommonGroundStore,
	businessId: string,
	payload: ActivityPayload,
): { parent: StoredTcgActivity | undefined } | { problems: string[] } {
	if (!payload.threadId) return { parent: undefined };
	const problems: string[] = [];
	const root = store.activity(businessId, payload.threadId);
	if (!root) problems.push(`threadId ${payload.threadId} does not match an existing activity`);
	else if (root.threadId !== root.id) {
		problems.push(`threadId must be the root activity's id (${payload.threadId} is a reply in thread ${root.threadId})`);
	}
	let parent = root;
	if (payload.parentActivityId) {
		parent = store.activity(businessId, payload.parentActivityId);
		if (!parent) problems.push(`parentActivityId ${payload.parentActivityId} does not match an existing activity`);
		else if (parent.threadId !== payload.threadId) {
			problems.push(`parentActivityId ${payload.parentActivityId} belongs to thread ${parent.threadId}, not ${payload.threadId}`);
		}
	}
	return problems.length > 0 ? { problems } : { parent };
}

function matchClient(store: TeamCommonGroundStore, businessId: string, payload: ActivityPayload): ClientOutcome | 'skip' {
	const lookup = payload.client;
	// No client object: nothing to match, so nothing to skip either (README "Choices", event settings).
	if (!lookup) return { status: 'none', clientId: null, matchedBy: null };
	const source = payload.source;
	const found = findClient(store, businessId, source, lookup);
	if (found) {
		// TCG doc: "Client Object" — "We store a mapping so future requests with the same id will link
		// to the same client" (README "Choices", client matching: we learn it on an email/phone match too).
		if (lookup.id && source && found.matchedBy !== 'id') store.addMapping(businessId, source, lookup.id, found.client.id, 'learned');
		return { status: 'matched', clientId: found.client.id, matchedBy: found.matchedBy };
	}
	const settings = store.eventSettings(businessId, source);
	if (settings.clientMatching === 'existingOnly') return 'skip';
	if (settings.autoCreateClients && lookup.id && source) {
		const client = autoCreateClient(store, businessId, { ...lookup, id: lookup.id });
		store.addMapping(businessId, source, lookup.id, client.id, 'autoCreated');
		return { status: 'created', clientId: client.id, matchedBy: null };
	}
	// TCG doc: "Unmatched Activities" — still created, without a client.
	return { status: 'unmatched', clientId: null, matchedBy: null };
}
