import { updateDisplayOptions } from 'n8n-workflow';

import { activityProperties } from './fields';
import { activityWrite } from './write';

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['createReply'] } },
	activityProperties(true),
);

/** The same request as Create, with parentActivity { id, activityType } for threading. */
export const operation = activityWrite(true);
