/**
 * Common Room Polling Trigger: starts a workflow with what is new in Common Room (contacts in a
 * segment, activities, organizations), read on a schedule from API v2 with the Common Room API
 * token. poll.ts says what counts as new and what is kept between polls.
 *
 * Why a node of its own rather than a "polling" mode of the webhook Common Room Trigger: in n8n a
 * trigger node is either a webhook trigger (a `webhooks` description and `webhook()`; n8n registers
 * a URL and runs the node per request) or a polling trigger (`polling: true` and `poll()`; n8n adds
 * the Poll Times parameter itself, runs `poll()` on that schedule, and persists the node's static
 * data after each poll). Which one a node is comes from its description, not from a parameter, so
 * one node cannot be both: with both, n8n would register the webhook and also schedule the poll in
 * every workflow, and show Poll Times to webhook users. The two also need different credentials
 * (a webhook secret that Common Room sends; an API token that we send). Two nodes, one per way
 * Common Room can tell n8n, each with its own parameters, credential and lifecycle.
 */
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './description';
import { listSearch, loadOptions } from './methods';
import { pollCommonRoom } from './poll';

export class CommonRoomPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		// Not "Common Room Trigger (Polling)": n8n's package scanner (the verification) requires a
		// trigger's display name to end in "Trigger", and ignores inline lint exceptions.
		displayName: 'Common Room Polling Trigger',
		name: 'commonRoomPollingTrigger',
		icon: { light: 'file:../../icons/commonroomTrigger.svg', dark: 'file:../../icons/commonroomTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"newContact": "New Contact in Segment", "newActivity": "New Activity", "newOrganization": "New Organization"}[$parameter["event"]] }}',
		description: 'Starts the workflow with new Common Room contacts in a segment, activities or organizations, checked on a schedule',
		defaults: { name: 'Common Room Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'commonRoomApi', required: true }],
		properties,
	};

	methods = { listSearch, loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCommonRoom.call(this);
	}
}
