import type { ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * An id parameter of the node being edited, as text ('' when it is not text or a number): a
 * resource locator's value, and a source's API v2 id `sig_<n>` read as `n`.
 */
export function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	let raw = ctx.getCurrentNodeParameter(name) as unknown;
	if (raw !== null && typeof raw === 'object' && 'value' in raw) raw = (raw as { value: unknown }).value;
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	return text.replace(/^sig_(?=\d)/, '');
}
