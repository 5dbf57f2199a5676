import type { INodeProperties } from 'n8n-workflow';

export const contactEmailProperty: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	required: true,
	default: '',
	description: "The contact's email address (trimmed and lower-cased before it is sent)",
};
