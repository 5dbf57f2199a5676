// Visibility — TCG doc: "Visibility": default ["role:owner","role:admin","role:staff"]; role:owner
// always added; "External ID Mapping": user:<externalId> is converted through the client mapping
// (for the request's source) to user:<client's userId>. Threading: "Replies inherit visibility
// from their parent by default". Prefix validation happens in schemas.ts (unknown prefixes → 400).

export const DEFAULT_VISIBILITY = ['role:owner', 'role:admin', 'role:staff'];

/**
 * @param requested visibility as sent (undefined = omitted)
 * @param inherited the parent's effective visibility for a reply (undefined for roots)
 * @param userIdForExternalId maps an external client id to the mapped client's userId, if any
 */
export function resolveVisibility(
	requested: string[] | undefined,
	inherited: string[] | undefined,
	userIdForExternalId: (externalId: string) => string | undefined,
): string[] {
	const base = requested ?? inherited ?? DEFAULT_VISIBILITY;
	const converted = base.map((entry) => {
		if (!entry.startsWith('user:')) return entry;
		// An id with no mapping (or a mapped client without a user account) stays as sent: it is
		// taken to be a user id already (README "Choices", visibility).
		const userId = userIdForExternalId(entry.slice('user:'.length));
		return userId ? `user:${userId}` : entry;
	});
	return [...new Set(['role:owner', ...converted])];
}
