import type { INodeProperties } from 'n8n-workflow';

export const dueDateFields: INodeProperties[] = [
	{
		displayName: 'Due At',
		name: 'dueAt',
		type: 'dateTime',
		default: '',
		description:
			"When it is due. Any date works (picker, ISO text, {{ $now.plus(2, 'days') }}); it is sent as ISO 8601 in UTC, a date and time without a zone being read in the workflow's timezone.",
	},
	{
		displayName: 'Has Time',
		name: 'hasTime',
		type: 'boolean',
		default: true,
		description:
			'Whether the due date has a time of day (turn off for a whole-day due date). From an expression: true or false (or the text "true"/"false", as a spreadsheet cell gives it); any other value fails the item.',
	},
];
