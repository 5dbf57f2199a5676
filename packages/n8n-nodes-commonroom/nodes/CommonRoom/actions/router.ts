import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../../shared/defaults';
import { dispatch, type OperationTable } from '../../shared/execution';
import * as activity from './activity/Activity.resource';
import * as activityType from './activityType/ActivityType.resource';
import * as contact from './contact/Contact.resource';
import * as customField from './customField/CustomField.resource';
import * as leadScore from './leadScore/LeadScore.resource';
import type { CommonRoomMap } from './node.type';
import * as organization from './organization/Organization.resource';
import * as segment from './segment/Segment.resource';
import * as tag from './tag/Tag.resource';
import * as token from './token/Token.resource';

const operations: OperationTable<CommonRoomMap> = {
	contact: {
		upsert: contact.upsert.operation,
		create: contact.create.operation,
		get: contact.get.operation,
		getById: contact.getById.operation,
		getAll: contact.getAll.operation,
		delete: contact.delete.operation,
		addToSegment: contact.addToSegment.operation,
	},
	activity: {
		create: activity.create.operation,
		createReply: activity.createReply.operation,
		getAll: activity.getAll.operation,
	},
	activityType: { getAll: activityType.getAll.operation },
	customField: { getAll: customField.getAll.operation },
	leadScore: { getAll: leadScore.getAll.operation },
	organization: { get: organization.get.operation, getAll: organization.getAll.operation },
	segment: {
		create: segment.create.operation,
		getAll: segment.getAll.operation,
		getStatuses: segment.getStatuses.operation,
	},
	tag: {
		create: tag.create.operation,
		get: tag.get.operation,
		getAll: tag.getAll.operation,
		update: tag.update.operation,
		delete: tag.delete.operation,
	},
	token: { check: token.check.operation },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await dispatch(this, operations, { label: 'Common Room', defaultConcurrency: DEFAULT_CONCURRENCY });
}
