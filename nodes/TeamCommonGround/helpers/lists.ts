/**
 * List parameters: the UI hands arrays (multiple values); expressions may hand an array or one
 * string. IDs split on commas and line breaks; links split on whitespace, and on commas only
 * where the next entry starts with http(s):// (a comma inside a URL is legal).
 */
export function idList(value: unknown): string[] {
	return flatten(value)
		.flatMap((part) => part.split(/[,\n]/))
		.map((part) => part.trim())
		.filter(Boolean);
}

export function linkList(value: unknown): string[] {
	return flatten(value)
		.flatMap((part) => part.split(/\s+|,\s*(?=https?:\/\/)/i))
		.map((part) => part.trim())
		.filter(Boolean);
}

function flatten(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.flatMap((entry) => flatten(entry));
	if (typeof value === 'object') {
		// A fixedCollection / multipleValues shape such as { values: [{ value: 'x' }] }.
		return Object.values(value as Record<string, unknown>).flatMap((entry) =>
			typeof entry === 'object' && entry !== null && !Array.isArray(entry)
				? flatten(Object.values(entry as Record<string, unknown>))
				: flatten(entry),
		);
	}
	return [String(value)];
}
