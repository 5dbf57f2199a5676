import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { API_RESOURCES } from './actions/node.type';
import { router } from './actions/router';
import { properties } from './actions/versionDescription';

export class TeamCommonGround implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Team Common Ground',
		name: 'teamCommonGround',
		icon: {
			light: 'file:../../icons/teamcommonground.svg',
			dark: 'file:../../icons/teamcommonground.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create Team Common Ground activities, threaded replies, tasks and follow-ups; build visibility lists and embed popups',
		defaults: { name: 'Team Common Ground' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'teamCommonGroundApi',
				required: true,
				// Visibility and Embed build values locally and send nothing: no credential needed.
				displayOptions: { show: { resource: API_RESOURCES } },
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
