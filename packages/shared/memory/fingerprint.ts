import { createHash } from 'node:crypto';

/**
 * The JSON of a value with every object's keys in sorted order, so the same content always gives
 * the same text, whatever order its fields were built in. Lists keep their order (it is content).
 * Keys are data: "__proto__" and "constructor" are keys like any other.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((entry) => (entry === undefined ? 'null' : canonicalJson(entry))).join(',')}]`;
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record)
		.filter((key) => record[key] !== undefined)
		.sort();
	return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** A fingerprint of a value's content: SHA-256 of its canonical JSON, 128 bits, base64url (22 characters). */
export function fingerprint(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value), 'utf8').digest('base64url').slice(0, 22);
}
