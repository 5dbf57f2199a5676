import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems, type ItemOperation } from '../../shared/execution';
import * as activity from './activity/Activity.resource';
import * as activityType from './activityType/ActivityType.resource';
import { runSettings } from './common';
import * as contact from './contact/Contact.resource';
import * as customField from './customField/CustomField.resource';
import type { CommonRoomMap, CommonRoomResource } from './node.type';
import * as segment from './segment/Segment.resource';
import * as tag from './tag/Tag.resource';
import * as token from './token/Token.resource';

/* eslint-disable @typescript-eslint/no-explicit-any -- each operation has its own Prepared type */
type Operation = Pick<ItemOperation<any>, 'prepare' | 'execute'>;

type Operations = { [R in CommonRoomResource]: Record<CommonRoomMap[R], Operation> };

const operations: Operations = {
	contact: {
		upsert: contact.upsert,
		create: contact.create,
		get: contact.get,
		delete: contact.delete,
		addToSegment: contact.addToSegment,
	},
	activity: { create: activity.create, createReply: activity.createReply },
	activityType: { getAll: activityType.getAll },
	customField: { getAll: customField.getAll },
	segment: { getAll: segment.getAll, getStatuses: segment.getStatuses },
	tag: { create: tag.create, get: tag.get, getAll: tag.getAll, update: tag.update, delete: tag.delete },
	token: { check: token.check },
};

/**
 * Dispatch to the operation; the shared item runner owns the loop: every item prepared and
 * checked before any request, then sent with bounded concurrency, output in input order and
 * paired, Continue On Fail per item, optional summary output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as CommonRoomResource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = (operations[resource] as Record<string, Operation> | undefined)?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not known for the resource "${resource}"`,
		);
	}
	const { concurrency, outputMode } = runSettings(this);
	const items = await runItems(
		this,
		{ prepare: operation.prepare, execute: operation.execute },
		{ concurrency, outputMode, label: 'Common Room' },
	);
	return [items];
}
