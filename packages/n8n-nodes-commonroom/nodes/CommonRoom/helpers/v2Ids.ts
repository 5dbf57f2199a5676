/**
 * Common Room API v2's prefixed ids (v2 spec: every schema's `id`, "format `c_<number>`"; `o_`,
 * `s_`, `ls_`, `cf_` likewise). The node checks an id's shape before any request: an expression
 * can hand it anything, and the editor's own check (the resource locator's regex) covers typed-in
 * values only. Pure functions.
 */

export const V2_IDS = {
	contact: { prefix: 'c_', noun: 'contact', a: 'a' },
	organization: { prefix: 'o_', noun: 'organization', a: 'an' },
	segment: { prefix: 's_', noun: 'segment', a: 'a' },
	leadScore: { prefix: 'ls_', noun: 'lead score', a: 'a' },
	customField: { prefix: 'cf_', noun: 'custom field', a: 'a' },
	activity: { prefix: 'a_', noun: 'activity', a: 'an' },
} as const;

export type V2IdKind = keyof typeof V2_IDS;

/** The id's shape as a regex source, for the editor's validation and for the check here. */
export function v2IdPattern(kind: V2IdKind): string {
	return `^${V2_IDS[kind].prefix}\\d+$`;
}

export function isV2Id(kind: V2IdKind, text: string): boolean {
	return new RegExp(v2IdPattern(kind)).test(text);
}

/** "c_123": an example of the kind's id, for placeholders and messages. */
export function v2IdExample(kind: V2IdKind): string {
	return `${V2_IDS[kind].prefix}123`;
}

/** The kind another prefix names ("o_12" → organization), to say what was given instead. */
function kindOfId(text: string): V2IdKind | undefined {
	return (Object.keys(V2_IDS) as V2IdKind[]).find((kind) => isV2Id(kind, text));
}

/**
 * Why `text` (trimmed, not empty) is not an id of `kind`, or undefined when it is. The fix says
 * what it looks like instead: digits alone get the prefix suggested, another kind's id is named.
 */
export function v2IdProblem(kind: V2IdKind, text: string): { problem: string; fix: string } | undefined {
	if (isV2Id(kind, text)) return undefined;
	const { prefix, noun, a } = V2_IDS[kind];
	const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
	const other = kindOfId(text);
	const hint = /^\d+$/.test(text)
		? ` If ${text} is the number of ${a} ${noun}, give ${prefix}${text}.`
		: other
			? ` It is ${V2_IDS[other].a} ${V2_IDS[other].noun} ID.`
			: '';
	return {
		problem: `${shown} is not ${a} ${noun} ID (${prefix} and digits, e.g. ${v2IdExample(kind)})`,
		fix: `Pick the ${noun} from the list, or give its ID as Common Room API v2 writes it (${v2IdExample(kind)}).${hint}`,
	};
}
