/**
 * Facts from Team Common Ground's Activity API documentation (the service's only public
 * contract), in one place so the fields, the checks and the tests agree.
 */

/** "Max payload size: 100KB" — read as 100 × 1024 bytes of the JSON body as sent (UTF-8). */
export const MAX_BODY_BYTES = 100 * 1024;

/** Source: "lowercase alphanumeric with hyphens or underscores only. Max 50 characters." */
export const SOURCE_PATTERN = /^[a-z0-9_-]{1,50}$/;

/** Custom activity types: the `c_` prefix and the slug of the business's custom type. */
export const CUSTOM_TYPE_PATTERN = /^c_[a-z0-9_]+$/;

/** The system activity types the document lists, with its own descriptions. */
export const SYSTEM_ACTIVITY_TYPES = [
	{ value: 'note', name: 'Note', description: 'General note or log entry for a client' },
	{
		value: 'business_note',
		name: 'Business Note',
		description: 'Business-wide internal note (not client-specific)',
	},
	{
		value: 'business_update',
		name: 'Business Update',
		description: 'Business announcement or status update',
	},
	{ value: 'email', name: 'Email', description: 'Email communication log' },
	{ value: 'message', name: 'Message', description: 'Direct message or chat' },
	{ value: 'task_created', name: 'Task Created', description: 'Task assignment' },
	{ value: 'follow_up_created', name: 'Follow-Up Created', description: 'Client follow-up item' },
	{
		value: 'report_issue_created',
		name: 'Report Issue Created',
		description: 'Issue or bug report from a client',
	},
	{ value: 'client_added', name: 'Client Added', description: 'New client record created' },
] as const;

export type SystemActivityType = (typeof SYSTEM_ACTIVITY_TYPES)[number]['value'];

/** Types about the business as a whole, where "no client" is the natural choice. */
export const BUSINESS_WIDE_TYPES: readonly string[] = ['business_note', 'business_update'];

/** Types that take `dueAt` / `hasTime` ("Tasks and follow-ups support due dates"). */
export const DUE_DATE_TYPES: readonly string[] = ['task_created', 'follow_up_created'];

/** The embed popup: base URL, popup window name and features, from the document's snippets. */
export const EMBED_BASE_URL = 'https://www.teamcommonground.com/embed/activity';
export const EMBED_WINDOW_NAME = 'tcg-activity';
export const EMBED_WINDOW_FEATURES = 'width=480,height=640';

/** The embed popup's activity types, with the document's descriptions. */
export const EMBED_ACTIVITY_TYPES = [
	{ value: 'report_issue_created', name: 'Report Issue', description: 'Bug report or issue' },
	{ value: 'feedback_created', name: 'Feedback', description: 'General feedback' },
	{ value: 'note', name: 'Note', description: 'Generic note' },
] as const;

/** Domain verification: the file path, the DNS TXT host and the TXT value's prefix. */
export const VERIFICATION_FILE_PATH = '/.well-known/teamcommonground.json';
export const VERIFICATION_DNS_HOST = '_teamcommonground-verify';
export const VERIFICATION_DNS_VALUE_PREFIX = 'teamcommonground-verify=';

export const DOCUMENTATION_URL = 'https://www.teamcommonground.com/docs/activity-api';
