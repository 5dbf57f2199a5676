// Generated from packages/shared/parameters/boolean.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, isEmpty, shown } from './problems';

/**
 * A yes/no value: true and false, and the texts "true" / "false" in any case (an expression or a
 * spreadsheet cell often gives text); undefined for anything else ("yes", 1, {}, []), so that a
 * value read the wrong way ("false" is truthy) is caught instead of sent.
 */
export function readBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase();
	return text === 'true' ? true : text === 'false' ? false : undefined;
}

/**
 * Every yes/no parameter of both nodes is read here: as readBoolean reads it, `fallback` when
 * empty, and any other value fails the item naming the field.
 */
export function booleanParameter(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	field: string,
	fallback: boolean,
): boolean {
	if (isEmpty(value)) return fallback;
	const flag = readBoolean(value);
	if (flag === undefined) {
		throw invalidInput(
			ctx,
			itemIndex,
			field,
			`must be true or false, got ${shown(value)}`,
			'Turn the switch on or off, or give an expression that returns true or false (the text "true" or "false" works too).',
		);
	}
	return flag;
}
