import type { IDataObject } from 'n8n-workflow';

/** A delivery's envelope: `{ id, source: { type, id, name }, payload, type? }` (reference sample). */
export interface Envelope {
	id: string | null;
	type: unknown;
	source: IDataObject | null;
	payload: IDataObject;
}

export type EnvelopeReading = { ok: true; envelope: Envelope } | { ok: false; reason: string };

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The body of a delivery, as n8n hands it to the node (parsed JSON, or text / bytes when the
 * sender did not say JSON), read into an envelope; a short reason for a body that is not one.
 * Nothing but `payload` is required: fields may be added or missing at any time.
 */
export function readEnvelope(body: unknown, raw?: Buffer): EnvelopeReading {
	let value = body;
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
	const rawText = raw && raw.length > 0 && isObject(body) && Object.keys(body).length === 0 ? raw.toString('utf8') : undefined;
	if (text !== undefined || rawText !== undefined) {
		try {
			value = JSON.parse((text ?? rawText) as string);
		} catch {
			return { ok: false, reason: 'The body is not JSON' };
		}
	}
	if (Array.isArray(value)) return { ok: false, reason: 'The body is a JSON array, not a Common Room envelope' };
	if (!isObject(value)) return { ok: false, reason: 'The body is not a JSON object' };
	if (!isObject(value.payload)) return { ok: false, reason: 'The body has no "payload" object' };
	return {
		ok: true,
		envelope: {
			id: typeof value.id === 'string' && value.id !== '' ? value.id : typeof value.id === 'number' ? String(value.id) : null,
			type: value.type,
			source: isObject(value.source) ? value.source : null,
			payload: value.payload,
		},
	};
}
