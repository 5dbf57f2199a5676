import { updateDisplayOptions } from 'n8n-workflow';

import { activityProperties } from './fields';
import { activityWrite } from './write';

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['create'] } },
	activityProperties(false),
);

export const operation = activityWrite(false);
