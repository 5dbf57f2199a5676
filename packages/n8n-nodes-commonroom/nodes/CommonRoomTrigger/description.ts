import type { INodeProperties } from 'n8n-workflow';

import { ANY_EVENT, EVENTS } from './helpers/events';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Common Room has no API to register webhooks, so you paste this node\'s URL into Common Room yourself: 1. In Common Room open Settings > Webhooks and add a webhook. 2. Paste the Production URL above as its Payload URL (the Test URL while you click "Listen for test event"). 3. Give it a secret and put the same secret in this node\'s credential: without one, anyone who knows the URL can post events. 4. Create a Common Room workflow (New contact, New activity, …) that sends to the webhook. 5. Activate this workflow. Common Room\'s settings page can send a test payload.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'Any', value: ANY_EVENT, description: 'Every delivery, including event types this node does not know yet' },
			...EVENTS.map((event) => ({ ...event })),
		],
		default: [ANY_EVENT],
		description:
			'Which Common Room events start the workflow. Other deliveries are answered 200 and start nothing.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Drop Repeated Deliveries',
				name: 'dropRepeats',
				type: 'boolean',
				default: true,
				description:
					'Whether a delivery whose ID this trigger received in the last 24 hours (the newest 1,000 IDs) is answered 200 and starts nothing, also after n8n restarts and whatever other nodes write to static data. Copies arriving at once start one execution per n8n process that receives webhooks. Active workflows only: "Listen for test event" always runs.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to add flat, ready-to-map fields (email, fullName, organizationName, the handles and their URLs, and for activities activityType, content, serviceName and the URLs) beside the payload as sent',
			},
		],
	},
];
