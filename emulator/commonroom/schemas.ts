// Request-body schemas written from the Common Room v1 spec (docs/reference/commonroom-openapi-v1.yml,
// components/schemas/*). Unknown properties are accepted and dropped from the parsed value (the
// spec never sets additionalProperties: false); the raw body is kept on stored objects
// (README "Choices", unknown fields).
import { z } from 'zod';

// v1 spec: components/schemas/ApiTagAssignment — oneOf ById / ByName, discriminated by `type`.
export const apiTagAssignmentSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('id'), id: z.string().min(1) }),
	z.object({ type: z.literal('name'), name: z.string().min(1) }),
]);
export type ApiTagAssignment = z.infer<typeof apiTagAssignmentSchema>;

const customFieldScalar = z.union([z.string(), z.number(), z.boolean()]);

// v1 spec: components/schemas/ApiCustomFields — `value` omitted clears the field ("Important:
// Omitting this field will clear the custom field value and cannot be undone").
export const apiCustomFieldSchema = z.object({
	id: z.number(),
	value: z
		.object({
			type: z.enum(['enum', 'string', 'date', 'int', 'number', 'url', 'boolean']),
			value: z.union([customFieldScalar, z.array(customFieldScalar)]),
		})
		.optional(),
});
export type ApiCustomField = z.infer<typeof apiCustomFieldSchema>;

const handle = z.object({ type: z.literal('handle'), value: z.string() });

// v1 spec: components/schemas/ApiUser (required: id; most fields nullable).
export const apiUserSchema = z.object({
	id: z.string().min(1),
	fullName: z.string().nullable().optional(),
	firstName: z.string().nullable().optional(),
	lastName: z.string().nullable().optional(),
	username: z.string().nullable().optional(),
	avatarUrl: z.string().nullable().optional(),
	bio: z.string().nullable().optional(),
	email: z.string().email().nullable().optional(),
	linkedin: handle.nullable().optional(),
	github: handle.nullable().optional(),
	twitter: handle.nullable().optional(),
	// v1 spec: ApiUser.discord — "taken from the form username#discriminator"; required username, discriminator.
	discord: z
		.object({
			type: z.literal('username').optional(),
			username: z.string(),
			discriminator: z.union([z.string(), z.number()]),
		})
		.nullable()
		.optional(),
	externalProfiles: z
		.array(z.object({ url: z.string(), name: z.string().optional() }))
		.nullable()
		.optional(),
	roleAtCompany: z.string().nullable().optional(),
	titleAtCompany: z.string().nullable().optional(),
	companyName: z.string().nullable().optional(),
	companyDomain: z.string().nullable().optional(),
	country: z.string().nullable().optional(),
	city: z.string().nullable().optional(),
	region: z.string().nullable().optional(),
	rawLocation: z.string().nullable().optional(),
	tags: z.array(apiTagAssignmentSchema).optional(),
	customFields: z.array(apiCustomFieldSchema).optional(),
});
export type ApiUser = z.infer<typeof apiUserSchema>;

/** ApiUser profile fields that a later upsert merges (everything but id, tags, customFields). */
export const USER_PROFILE_FIELDS = [
	'fullName',
	'firstName',
	'lastName',
	'username',
	'avatarUrl',
	'bio',
	'email',
	'linkedin',
	'github',
	'twitter',
	'discord',
	'externalProfiles',
	'roleAtCompany',
	'titleAtCompany',
	'companyName',
	'companyDomain',
	'country',
	'city',
	'region',
	'rawLocation',
] as const;
export type UserProfileField = (typeof USER_PROFILE_FIELDS)[number];

// v1 spec: components/schemas/TextContent, MarkdownContent.
const textContent = z.object({ type: z.literal('text'), value: z.string() });
const markdownContent = z.object({ type: z.literal('markdown'), value: z.string() });

// v1 spec: components/schemas/ApiActivity (required: id, activityType, user).
export const apiActivitySchema = z.object({
	id: z.string().min(1),
	activityType: z.string().min(1),
	user: apiUserSchema,
	activityTitle: textContent.nullable().optional(),
	content: z.discriminatedUnion('type', [textContent, markdownContent]).nullable().optional(),
	// "standard ISO 8601 format (YYYY-MM-DDThh:mm:ss.sssZ)"; offsets accepted too.
	timestamp: z.string().datetime({ offset: true }).optional(),
	url: z.string().nullable().optional(),
	tags: z.array(apiTagAssignmentSchema).optional(),
	parentActivity: z.object({ id: z.string().min(1), activityType: z.string().min(1) }).nullable().optional(),
	subSource: z.object({ type: z.literal('name'), name: z.string() }).nullable().optional(),
});
export type ApiActivity = z.infer<typeof apiActivitySchema>;

// v1 spec: components/schemas/ApiTagUpdateProperties / ApiTagCreationProperties.
export const apiTagUpdateSchema = z.object({
	name: z.string().min(1),
	description: z.string().nullable().optional(),
});
export const apiTagCreateSchema = apiTagUpdateSchema.extend({
	entityTypes: z.array(z.enum(['member', 'activity', 'company'])),
});
export type ApiTagCreate = z.infer<typeof apiTagCreateSchema>;
export type ApiTagUpdate = z.infer<typeof apiTagUpdateSchema>;

export const SOCIAL_TYPES = ['email', 'twitter', 'github', 'linkedin'] as const;
export type SocialType = (typeof SOCIAL_TYPES)[number];

// v1 spec: paths./segments/{id}.post.requestBody.
export const addToSegmentSchema = z.object({
	socialType: z.enum(SOCIAL_TYPES),
	value: z.string().min(1),
	statusId: z.number().optional(),
});

/** zod issues → "field.path: message" lines for the 400 body's `errors`. */
export function describeIssues(error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const path = issue.path.join('.');
		return path ? `${path}: ${issue.message}` : issue.message;
	});
}
