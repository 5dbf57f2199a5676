// Generated from packages/shared/parameters/problems.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * What the pure helpers report instead of throwing: the field (as the user sees it in the node),
 * what is wrong, and how to fix it. Operations turn them into one NodeOperationError naming the
 * item, before any request is sent.
 */
export interface Problem {
	field: string;
	problem: string;
	fix?: string;
}

type NodeContext = Pick<IExecuteFunctions, 'getNode'>;

/** "<field>: <problem> [item N]" with what to do as the description (items are 0-based, as n8n numbers them). */
export function invalidInput(
	ctx: NodeContext,
	itemIndex: number,
	field: string,
	problem: string,
	fix?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: fix,
	});
}

/**
 * The first problem as an error naming item and field; its fix (or `fix`) and the other problems
 * go into the description.
 */
export function problemsError(ctx: NodeContext, itemIndex: number, problems: Problem[], fix?: string): NodeOperationError {
	const [first, ...rest] = problems;
	const more = rest.map((p) => `${p.field}: ${p.problem}${p.fix ? ` (${p.fix})` : ''}`);
	const description = [first.fix ?? fix, ...(more.length ? [`Also: ${more.join('; ')}`] : [])]
		.filter(Boolean)
		.join(' ');
	return invalidInput(ctx, itemIndex, first.field, first.problem, description || undefined);
}

export function throwProblems(ctx: NodeContext, itemIndex: number, problems: Problem[], fix?: string): never {
	throw problemsError(ctx, itemIndex, problems, fix);
}

/** Shows a user's value in a message without flooding it (values can be 200 KB strings). */
export function quote(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : JSON.stringify(value);
	} catch {
		text = String(value);
	}
	if (text === undefined) text = String(value);
	return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** What a value is, for "must be text, got …" messages. */
export function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'an infinite number';
	return `a ${typeof value}`;
}

/** A value as a message shows it: text quoted, anything else by its kind. */
export function shown(value: unknown): string {
	return typeof value === 'string' ? quote(value) : kindOf(value);
}

/** undefined, null and '' (an empty field or cell): the parameter was not given. */
export function isEmpty(value: unknown): value is undefined | null | '' {
	return value === undefined || value === null || value === '';
}
