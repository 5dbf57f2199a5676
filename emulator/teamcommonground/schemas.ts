// The Activity API payload (docs/reference/teamcommonground-activity-api-doc.txt, "API Payload",
// "Threading", "Activity Types"), as a zod schema whose issues read as the documented details
// ("type is required"). Unknown top-level fields are accepted and ignored (README "Choices", unknown fields).
import { z } from 'zod';

// TCG doc: "System Activity Types" (+ feedback_created from "Embed Integration" → "Activity Types");
// README "Choices", activity types.
export const SYSTEM_ACTIVITY_TYPES = [
	'note',
	'business_note',
	'business_update',
	'email',
	'message',
	'task_created',
	'follow_up_created',
	'report_issue_created',
	'client_added',
	'feedback_created',
] as const;

// TCG doc: "Custom Activity Types" — "use custom activity types with the c_ prefix" (an internalId slug).
const CUSTOM_TYPE = /^c_[a-z0-9_]+$/;
// TCG doc: "Source Field" — "lowercase alphanumeric with hyphens or underscores only. Max 50 characters."
const SOURCE = /^[a-z0-9_-]+$/;
// TCG doc: "Visibility" — role prefixes and user prefixes.
const VISIBILITY_ENTRY = /^(role:(owner|admin|staff|client)|user:.+)$/;

const httpUrl = z.string().refine((value) => {
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}, 'must be an absolute http(s) URL');

export const clientLookupSchema = z.object({
	id: z.string().min(1, 'must not be empty').optional(),
	email: z.string().email('must be a valid email address').optional(),
	phone: z.string().regex(/\d/, 'must contain digits').optional(),
	firstName: z.string().optional(),
	lastName: z.string().optional(),
});
export type ClientLookup = z.infer<typeof clientLookupSchema>;

export const activityPayloadSchema = z.object({
	type: z
		.string()
		.min(1, 'is required')
		.refine(
			(type) => (SYSTEM_ACTIVITY_TYPES as readonly string[]).includes(type) || CUSTOM_TYPE.test(type),
			`must be a system type (${SYSTEM_ACTIVITY_TYPES.join(', ')}) or a custom type c_<slug>`,
		),
	source: z
		.string()
		.max(50, 'must be at most 50 characters')
		.regex(SOURCE, 'must be lowercase alphanumeric with hyphens or underscores only')
		.optional(),
	client: clientLookupSchema.optional(),
	message: z.string().optional(),
	tags: z.array(z.string()).optional(),
	links: z.array(httpUrl).optional(),
	visibility: z.array(z.string().regex(VISIBILITY_ENTRY, 'must be role:admin, role:staff, role:client, role:owner or user:<id>')).optional(),
	createdBy: z.string().min(1, 'must not be empty').optional(),
	threadId: z.string().min(1, 'must not be empty').optional(),
	parentActivityId: z.string().min(1, 'must not be empty').optional(),
	dueAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
	hasTime: z.boolean().optional(),
	data: z.record(z.unknown()).optional(),
});
export type ActivityPayload = z.infer<typeof activityPayloadSchema>;

/**
 * Rules spanning several fields, checked on the raw body even when other fields are invalid
 * (zod's superRefine would stop at the first failing field), so every problem gets its detail.
 */
export function crossFieldProblems(body: unknown): string[] {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
	const payload = body as Record<string, unknown>;
	const client = typeof payload.client === 'object' && payload.client !== null ? (payload.client as Record<string, unknown>) : undefined;
	const problems: string[] = [];
	// TCG doc: "Client Object" — "At least one of id, email, or phone is required".
	if (client && !client.id && !client.email && !client.phone) problems.push('client must include at least one of id, email or phone');
	// TCG doc: "Using Mapped IDs" — "The source field is required" for client.id.
	if (client?.id && !payload.source) problems.push('source is required when client.id is given');
	// TCG doc: "Threading Fields" — threadId is "required for replies".
	if (payload.parentActivityId && !payload.threadId) problems.push('threadId is required when parentActivityId is given');
	return problems;
}


/** zod issues → one readable detail each: "type is required", "links[0] must be an absolute http(s) URL". */
export function describePayloadIssues(error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const path = formatPath(issue.path) || 'body';
		if (issue.code === 'invalid_type') {
			if (issue.received === 'undefined') return `${path} is required`;
			return `${path} must be ${article(issue.expected)} (got ${issue.received})`;
		}
		if (issue.code === 'unrecognized_keys') return `${path} has unknown fields ${issue.keys.join(', ')}`;
		return `${path} ${issue.message}`;
	});
}

function formatPath(path: Array<string | number>): string {
	return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

function article(expected: string): string {
	if (expected === 'record') return 'an object';
	return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
