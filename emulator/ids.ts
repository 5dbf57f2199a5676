// Random ids in the style of the real services (Firestore-like alphanumerics).
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomId(length: number): string {
	const bytes = randomBytes(length);
	let id = '';
	for (let i = 0; i < length; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
	return id;
}
