/**
 * The `cols` API v2 takes per record type (v2 spec: paths./contacts.get, /organizations.get,
 * /activities.get `cols` — "Valid column values"), as the node's Columns options. Without `cols`
 * v2 sends only a record's required fields (id and name), so each Get has a useful default.
 * `cf_*` asks for every custom field; the node then names them (helpers/v2Records.ts).
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export const ALL_CUSTOM_FIELDS = 'cf_*';

export const CONTACT_COLUMNS: INodePropertyOptions[] = [
	{ name: 'Activate Message', value: 'activateMessage' },
	{ name: 'Avatar URL', value: 'avatarUrl' },
	{ name: 'Company Name', value: 'companyName' },
	{ name: 'Company Website', value: 'companyWebsite' },
	{ name: 'Connected Custom Objects', value: 'connectedCustomObjects' },
	{ name: 'Custom Fields (All, by Name)', value: ALL_CUSTOM_FIELDS },
	{ name: 'Full Name', value: 'fullName' },
	{ name: 'Job History', value: 'jobHistory' },
	{ name: 'Lead Scores', value: 'leadScores' },
	{ name: 'Location', value: 'location' },
	{ name: 'Phone Numbers', value: 'phoneNumbers' },
	{ name: 'Primary Email', value: 'primaryEmail' },
	{ name: 'Profiles', value: 'profiles' },
	{ name: 'Recent Activities', value: 'recentActivities' },
	{ name: 'Recent Spark Summaries', value: 'recentSparkSummaries' },
	{ name: 'Recent Web Pages', value: 'recentWebPages' },
	{ name: 'Recent Web Visits Number', value: 'recentWebVisitsNumber' },
	{ name: 'Segments', value: 'segments' },
	{ name: 'Spark Summary', value: 'sparkSummary' },
	{ name: 'Tags', value: 'tags' },
	{ name: 'Title', value: 'title' },
	{ name: 'URL', value: 'url' },
];

export const CONTACT_DEFAULT_COLUMNS = ['companyName', 'fullName', 'primaryEmail', 'title', 'url'];

export const ORGANIZATION_COLUMNS: INodePropertyOptions[] = [
	{ name: 'About', value: 'about' },
	{ name: 'Contacts Count', value: 'contactsCount' },
	{ name: 'Custom Fields (All, by Name)', value: ALL_CUSTOM_FIELDS },
	{ name: 'Employees', value: 'employees' },
	{ name: 'Lead Scores', value: 'leadScores' },
	{ name: 'LinkedIn URL', value: 'linkedInUrl' },
	{ name: 'Location', value: 'location' },
	{ name: 'Profiles', value: 'profiles' },
	{ name: 'Recent Job Openings', value: 'recentJobOpenings' },
	{ name: 'Recent News', value: 'recentNews' },
	{ name: 'Research Results', value: 'researchResults' },
	{ name: 'Revenue Range Max', value: 'revenueRangeMax' },
	{ name: 'Revenue Range Min', value: 'revenueRangeMin' },
	{ name: 'Sub-Industry', value: 'subIndustry' },
	{ name: 'Surging Topics', value: 'surgingTopics' },
	{ name: 'Tags', value: 'tags' },
	{ name: 'Top Contacts', value: 'topContacts' },
	{ name: 'URL', value: 'url' },
];

export const ORGANIZATION_DEFAULT_COLUMNS = ['about', 'contactsCount', 'employees', 'url'];

export const ACTIVITY_COLUMNS: INodePropertyOptions[] = [
	{ name: 'Contact ID', value: 'contactId' },
	{ name: 'Content', value: 'content' },
	{ name: 'Is User Initiated', value: 'isUserInitiated' },
	{ name: 'Participant Count', value: 'participantCount' },
	{ name: 'Provider ID', value: 'providerId' },
	{ name: 'Provider Name', value: 'providerName' },
	{ name: 'Reply Count', value: 'replyCount' },
	{ name: 'Sentiment', value: 'sentiment' },
	{ name: 'Sub-Source Names', value: 'subSourceNames' },
	{ name: 'URL', value: 'url' },
];

export const ACTIVITY_DEFAULT_COLUMNS = ['contactId', 'content', 'providerName', 'url'];
