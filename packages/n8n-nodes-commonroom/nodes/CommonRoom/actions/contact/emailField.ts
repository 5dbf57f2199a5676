import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTimeoutMs } from '../../../shared/execution';
import { readContactEmail } from '../parameters';

export const contactEmailProperty: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	required: true,
	default: '',
	description: "The contact's email address (trimmed and lower-cased before it is sent)",
};

/** What Get and Delete hand from `prepare` to `execute`: the contact's email. */
export interface EmailPrepared {
	email: string;
	timeoutMs: number;
}

/** Reads the contact's Email (normalized, or the item fails) and the timeout. */
export function prepareEmail(ctx: IExecuteFunctions, itemIndex: number): EmailPrepared {
	const email = readContactEmail(ctx, itemIndex, ctx.getNodeParameter('email', itemIndex, ''), 'Email');
	return { email, timeoutMs: readTimeoutMs(ctx, itemIndex) };
}
