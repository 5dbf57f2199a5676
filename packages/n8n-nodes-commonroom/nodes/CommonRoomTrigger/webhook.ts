/**
 * One delivery from Common Room: checked (secret, body, event, repeats) before anything starts,
 * answered at once. A refused delivery starts no execution: 401 for a wrong secret, 400 for a body
 * that is no envelope (so a sender sees its mistake), 200 for one this trigger does not want or
 * has seen (so Common Room does not retry it).
 *
 * A delivery that starts an execution in an active workflow is answered here too, with n8n's own
 * "Workflow was started", and handed to n8n with `noWebhookResponse`. That is what makes n8n save
 * the repeat record before the execution starts. With the answer left to n8n ("onReceived"),
 * n8n 2.8+ answers, and saves the webhook's static data, only after starting the execution, and
 * since 2.20 starting it marks that static data unchanged (WorkflowRunner's
 * establishContextForPersistence wraps the same object again), so the save was skipped for every
 * delivery but a workflow's first: docs/reliability.md has the n8n code behind it.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { booleanParameter, readText, textList } from '../shared/parameters';
import { ANY_EVENT, eventOf, isWanted } from './helpers/events';
import { readEnvelope } from './helpers/envelope';
import { flattenPayload } from './helpers/flatten';
import { deliveryMemory } from './helpers/repeats';
import { secretMatches } from './helpers/secret';

export const SECRET_HEADER = 'x-commonroom-webhook-secret';
export const CREDENTIAL_TYPE = 'commonRoomWebhookApi';

/** The credential's secret; '' when the node has no credential (anyone with the URL may post). */
async function expectedSecret(ctx: IWebhookFunctions): Promise<string> {
	// Only a node without a credential goes unchecked: an error reading a credential that is set
	// must not turn the check off.
	if (!ctx.getNode().credentials?.[CREDENTIAL_TYPE]) return '';
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return typeof credentials.secret === 'string' ? credentials.secret : '';
}

function refuse(ctx: IWebhookFunctions, status: 400 | 401, error: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ error });
	return { noWebhookResponse: true };
}

function ignore(reason: string): IWebhookResponseData {
	return { webhookResponse: { received: true, started: false, reason } };
}

/** The answer n8n gives an "onReceived" webhook that starts its workflow. */
export const STARTED = { message: 'Workflow was started' };

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const secret = await expectedSecret(this);
	if (secret !== '' && !secretMatches(request.headers[SECRET_HEADER], secret)) {
		return refuse(this, 401, `The ${SECRET_HEADER} header does not match the secret in this trigger's credential`);
	}

	const reading = readEnvelope(this.getBodyData(), (request as { rawBody?: Buffer }).rawBody);
	if (!reading.ok) return refuse(this, 400, reading.reason);
	const { envelope } = reading;

	const event = eventOf(envelope.type, envelope.payload.type);
	const chosen = textList(this, 0, this.getNodeParameter('events', [ANY_EVENT]), 'Events');
	if (!isWanted(event, chosen)) return ignore(`"${event}" is not one of this trigger's Events`);

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const dropRepeats = booleanParameter(this, 0, options.dropRepeats, 'Drop Repeated Deliveries', true);
	// Static data is kept for active workflows only; "Listen for test event" always runs.
	const production = this.getMode() !== 'manual';
	if (dropRepeats && envelope.id !== null && production) {
		const trigger = `${this.getWorkflow().id ?? ''} ${this.getNode().id}`;
		if (deliveryMemory.checkAndRecord(trigger, this.getWorkflowStaticData('node'), envelope.id, Date.now())) {
			return ignore(`Delivery ${envelope.id} was already received`);
		}
	}

	const simplify = booleanParameter(this, 0, options.simplify, 'Simplify', true);
	const json: IDataObject = {
		id: envelope.id,
		type: event === 'unknown' ? (readText(envelope.type) ?? readText(envelope.payload.type) ?? null) : event,
		source: envelope.source,
		receivedAt: new Date().toISOString(),
		...(simplify ? flattenPayload(envelope.payload) : {}),
		payload: envelope.payload,
	};
	const workflowData = [this.helpers.returnJsonArray([json])];
	if (!production) return { workflowData };
	this.getResponseObject().status(200).json(STARTED);
	return { noWebhookResponse: true, workflowData };
}
