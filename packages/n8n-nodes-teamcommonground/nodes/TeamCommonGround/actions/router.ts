import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../../shared/defaults';
import { dispatch, type OperationTable } from '../../shared/execution';
import * as activity from './activity/Activity.resource';
import * as createdKeys from './createdKeys/CreatedKeys.resource';
import * as embed from './embed/Embed.resource';
import type { TeamCommonGroundMap } from './node.type';
import * as task from './task/Task.resource';
import * as visibility from './visibility/Visibility.resource';

const operations: OperationTable<TeamCommonGroundMap> = {
	activity: { create: activity.create.operation, createReply: activity.createReply.operation },
	task: { createTask: task.createTask.operation, createFollowUp: task.createFollowUp.operation },
	visibility: { buildList: visibility.buildList.operation },
	embed: {
		buildPopupUrl: embed.buildPopupUrl.operation,
		domainVerificationValues: embed.domainVerificationValues.operation,
	},
	createdKeys: { forget: createdKeys.forget.operation, forgetAll: createdKeys.forgetAll.operation },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await dispatch(this, operations, { label: 'Team Common Ground', defaultConcurrency: DEFAULT_CONCURRENCY });
}
