import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './description';
import { checkSecret } from './helpers/secretCheck';
import { receiveDelivery } from './webhook';

export class CommonRoomTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Common Room Trigger',
		name: 'commonRoomTrigger',
		icon: { light: 'file:../../icons/commonroomTrigger.svg', dark: 'file:../../icons/commonroomTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: "Starts the workflow when a Common Room workflow posts to its webhook (new contacts, activities, organizations, …)",
		defaults: { name: 'Common Room Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Optional: without a secret anyone who knows the URL can post (the notice says so).
		credentials: [{ name: 'commonRoomWebhookApi', required: false, testedBy: 'commonRoomWebhookSecret' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties,
	};

	methods = {
		credentialTest: {
			async commonRoomWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return checkSecret(credential.data?.secret);
			},
		},
	};

	// Common Room has no API to register a webhook: the user pastes the URL into Common Room
	// (the node's notice says how). These methods register nothing and say so; checkExists
	// answers true because there is nothing for n8n to create.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
