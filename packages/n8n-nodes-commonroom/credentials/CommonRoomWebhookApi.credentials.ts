import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret of a Common Room webhook (Settings > Webhooks). Common Room sends it verbatim in the
 * `x-commonroom-webhook-secret` header of every delivery; there is no signature, so this secret
 * is the only check (use HTTPS). Tested by the Common Room Trigger node (`testedBy`): there is
 * nothing to call.
 */
export class CommonRoomWebhookApi implements ICredentialType {
	name = 'commonRoomWebhookApi';

	displayName = 'Common Room Webhook API';

	icon: Icon = { light: 'file:../icons/commonroom.svg', dark: 'file:../icons/commonroom.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-commonroom-teamcommonground/n8n-nodes-commonroom-teamcommonground/tree/main/packages/n8n-nodes-commonroom#common-room-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret of the webhook in Common Room (Settings > Webhooks). Deliveries whose x-commonroom-webhook-secret header does not match it are refused with 401.',
		},
	];
}
