import type { INodeProperties } from 'n8n-workflow';

import * as activity from './activity/Activity.resource';
import * as activityType from './activityType/ActivityType.resource';
import * as contact from './contact/Contact.resource';
import * as customField from './customField/CustomField.resource';
import * as leadScore from './leadScore/LeadScore.resource';
import * as organization from './organization/Organization.resource';
import * as segment from './segment/Segment.resource';
import * as tag from './tag/Tag.resource';
import * as token from './token/Token.resource';

/** The node's properties: the resource selector, then each resource's operations and fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Activity', value: 'activity' },
			{ name: 'Activity Type', value: 'activityType' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Custom Field', value: 'customField' },
			{ name: 'Lead Score', value: 'leadScore' },
			{ name: 'Organization', value: 'organization' },
			{ name: 'Segment', value: 'segment' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Token', value: 'token' },
		],
		default: 'contact',
	},
	...contact.description,
	...activity.description,
	...activityType.description,
	...customField.description,
	...leadScore.description,
	...organization.description,
	...segment.description,
	...tag.description,
	...token.description,
];
