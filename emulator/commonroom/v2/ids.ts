// v2's prefixed ids (v2 spec: every schema's `id` — "Prefixed contact ID (format `c_<number>`)",
// `o_`, `a_`, `s_`, `cf_`, `ls_`, `l_`, `sig_`) and how stored v1 records get them
// (README "Choices", v2 ids).

export const PREFIX = {
	contact: 'c_',
	organization: 'o_',
	activity: 'a_',
	segment: 's_',
	customField: 'cf_',
	leadScore: 'ls_',
	tag: 'l_',
	provider: 'sig_',
	objectType: 'cot_',
} as const;

export type IdKind = keyof typeof PREFIX;

export function formatId(kind: IdKind, value: number | string): string {
	return `${PREFIX[kind]}${value}`;
}

/** `c_100001` → 100001; anything else (another prefix, no number, too long) → undefined. */
export function parseId(kind: IdKind, raw: string): number | undefined {
	const prefix = PREFIX[kind];
	if (!raw.startsWith(prefix)) return undefined;
	const digits = raw.slice(prefix.length);
	if (!/^\d{1,15}$/.test(digits)) return undefined;
	return Number(digits);
}

/**
 * An organization's number when neither the seed nor the store gives one: FNV-1a (32 bit) of its
 * normalised primary domain, so the same domain gets the same `o_` id in every run and whatever
 * the order contacts arrive in.
 */
export function organizationNumber(domain: string): number {
	let hash = 0x811c9dc5;
	for (const byte of Buffer.from(domain, 'utf8')) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/** `https://www.Acme.com/about` → `acme.com`; empty → undefined. */
export function normaliseDomain(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const domain = value
		.trim()
		.toLowerCase()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
		.replace(/^www\./, '')
		.replace(/[/?#:].*$/, '')
		.replace(/\.$/, '');
	return domain === '' ? undefined : domain;
}
