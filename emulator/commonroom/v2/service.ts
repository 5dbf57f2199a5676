// Common Room API v2 under /community/v2 (v2 spec: servers — v1's base with /v1 → /v2). Same
// store, tokens and per-token buckets as v1 (README "Choices", v2 alongside v1); pipeline as v1's:
// route (404/405) → auth (401/403) → rate limit (429) → handler.
import type { ApiRequest, ApiResponse } from '../../http';
import { Router } from '../../router';
import type { EmulatedService, StatusFault } from '../../service';
import { methodNotAllowed, notFound } from '../responses';
import type { CommonRoomService } from '../routes';
import { getActivity, listActivities } from './activities';
import type { V2Handler } from './call';
import { getContact, listContacts } from './contacts';
import { getCustomField, listCustomFields } from './customFields';
import { getLeadScore, getTag, listActivityTypes, listLeadScores, listProviders, listTags } from './definitions';
import { getOrganization, listOrganizations } from './organizations';
import { v2Error, v2ServerError } from './responses';
import { createSegment, getSegment, listSegments } from './segments';
import { World } from './world';

export const COMMON_ROOM_V2_BASE_PATH = '/community/v2';

// v2 spec: paths./api-token-status.get → ApiToken, as v1 answers it.
const tokenStatus: V2Handler = ({ store, jti }) => ({
	status: 200,
	body: { jti, communityName: store.seed.communityName, communityId: store.seed.communityId },
});

export class CommonRoomV2Service implements EmulatedService {
	/** One service as far as faults, the log and `target: 'commonRoom'` go. */
	readonly name = 'commonRoom' as const;
	readonly basePath = COMMON_ROOM_V2_BASE_PATH;
	private readonly router = new Router<V2Handler>()
		.add('GET', '/api-token-status', tokenStatus)
		.add('GET', '/contacts', listContacts)
		.add('GET', '/contacts/:id', getContact)
		.add('GET', '/organizations', listOrganizations)
		.add('GET', '/organizations/:id', getOrganization)
		.add('GET', '/activities', listActivities)
		.add('GET', '/activities/:id', getActivity)
		.add('GET', '/activity-types', listActivityTypes)
		.add('GET', '/segments', listSegments)
		.add('POST', '/segments', createSegment)
		.add('GET', '/segments/:id', getSegment)
		.add('GET', '/custom-fields', listCustomFields)
		.add('GET', '/custom-fields/:id', getCustomField)
		.add('GET', '/lead-scores', listLeadScores)
		.add('GET', '/lead-scores/:id', getLeadScore)
		.add('GET', '/tags', listTags)
		.add('GET', '/tags/:id', getTag)
		.add('GET', '/providers', listProviders);

	constructor(private readonly v1: CommonRoomService) {}

	handle(req: ApiRequest): ApiResponse {
		const route = this.router.resolve(req.method, req.path);
		if (route.kind === 'notFound') return notFound(`no route ${req.method} ${COMMON_ROOM_V2_BASE_PATH}${req.path}`);
		if (route.kind === 'methodNotAllowed') return methodNotAllowed(route.allow);
		const admission = this.v1.admit(req);
		if (!admission.admitted) return admission.response;

		const store = this.v1.store;
		let world: World | undefined;
		const { handler, params } = route.match;
		const response = handler({ req, params, store, jti: admission.jti, world: () => (world ??= new World(store)) });
		return { ...response, headers: { ...admission.headers, ...response.headers } };
	}

	/** 429s are v1's (the v2 spec's RateLimited is the same); 400 and 5xx bodies take v2's error shape. */
	faultResponse(fault: StatusFault): ApiResponse {
		if (fault.status === 400) return v2Error(400, 'invalid_parameters', 'refused by an injected fault');
		return fault.status === 429 ? this.v1.faultResponse(fault) : v2ServerError(fault.status);
	}

	/** Nothing of its own: the store and buckets are v1's, which reset with it. */
	reset(): void {}
}
