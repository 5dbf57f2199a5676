import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems, type ItemOperation } from '../../shared/execution';
import * as activity from './activity/Activity.resource';
import { maxConcurrency } from './common/createActivity';
import * as embed from './embed/Embed.resource';
import type { TeamCommonGroundMap, TeamCommonGroundResource } from './node.type';
import * as task from './task/Task.resource';
import * as visibility from './visibility/Visibility.resource';

type Operations = {
	[R in TeamCommonGroundResource]: Record<TeamCommonGroundMap[R], { operation: ItemOperation }>;
};

const operations: Operations = {
	activity: { create: activity.create, createReply: activity.createReply },
	task: { createTask: task.createTask, createFollowUp: task.createFollowUp },
	visibility: { buildList: visibility.buildList },
	embed: {
		buildPopupUrl: embed.buildPopupUrl,
		domainVerificationValues: embed.domainVerificationValues,
	},
};

/**
 * Dispatch to the operation, then let the shared item runner own the loop: every item prepared
 * (and checked) before any request, requests sent with bounded concurrency, output in input
 * order, each item paired, Continue On Fail per item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as TeamCommonGroundResource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const entry = (operations[resource] as Record<string, { operation: ItemOperation }> | undefined)?.[
		operationName
	];
	if (!entry) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not known for the resource "${resource}"`,
		);
	}
	const sendsRequests = resource === 'activity' || resource === 'task';
	const items = await runItems(this, entry.operation, {
		concurrency: sendsRequests ? maxConcurrency(this) : 1,
		label: 'Team Common Ground',
	});
	return [items];
}
