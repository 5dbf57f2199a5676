import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class CommonRoom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Common Room',
		name: 'commonRoom',
		icon: { light: 'file:../../icons/commonroom.svg', dark: 'file:../../icons/commonroom.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Sync contacts and activities to Common Room (upsert by email), manage tags and segments, and read contacts, organizations, activities and lead scores (API v2)',
		defaults: { name: 'Common Room' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'commonRoomApi', required: true }],
		properties,
	};

	methods = {
		loadOptions,
		listSearch,
		resourceMapping,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
