// Generated from packages/shared/parameters/url.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, quote } from './problems';
import { textParameter } from './text';

export function isHttpUrl(value: unknown): value is string {
	if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return false;
	try {
		const url = new URL(value.trim());
		return Boolean(url.hostname);
	} catch {
		return false;
	}
}

/** An optional http(s) URL parameter, trimmed ('' when empty); fails the item naming the field otherwise. */
export function urlParameter(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	field: string,
	fix?: string,
): string {
	const url = textParameter(ctx, itemIndex, value, field);
	if (url !== '' && !isHttpUrl(url)) throw invalidInput(ctx, itemIndex, field, `${quote(url)} is not an http(s) URL`, fix);
	return url;
}
