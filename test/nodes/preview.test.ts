/**
 * Options > Preview (Send Nothing) on every write of both nodes, in n8n's real engine against the
 * emulator over HTTP: a preview sends nothing (Contact writes read the workspace's custom-field
 * definitions, the one request it makes), records nothing, reports each item's problems, and the
 * body it shows is, byte for byte, what the emulator then receives for the same item.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import { node, runWorkflow } from '../engine';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, quiet: true, commonRoom: { ratePerSecond: 10_000 }, teamCommonGround: { perMinute: 600_000 } });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

async function run(nodeUnderTest: INode, input: IDataObject[], workflowId: string) {
	const result = await runWorkflow({
		workflowId,
		nodes: [nodeUnderTest],
		input: input.map((json) => ({ json })),
		credentials: {
			commonRoomApi: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl },
			teamCommonGroundApi: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl },
		},
	});
	return result.output(nodeUnderTest.name).map((item) => item.json);
}

/** Runs the node with Preview on, then off: the previews, and the bodies the emulator received in order of the items. */
async function previewThenSend(parameters: INodeParameters, shortName: 'commonRoom' | 'teamCommonGround', input: IDataObject[], bodyKey: (body: IDataObject) => string) {
	const workflowId = `preview-${Math.random()}`;
	const options = (parameters.options ?? {}) as INodeParameters;
	const previews = await run(node(shortName, { ...parameters, options: { ...options, preview: true } }), input, workflowId);
	const duringPreview = emulator.log();
	emulator.clearLog();
	await run(node(shortName, parameters), input, workflowId);
	const received = new Map(
		emulator
			.log()
			.filter((entry) => entry.method === 'POST' && entry.body !== undefined)
			.map((entry) => [bodyKey(JSON.parse(entry.body as string) as IDataObject), entry.body as string]),
	);
	return { previews, duringPreview, received };
}

describe('Preview (Send Nothing)', () => {
	it('Team Common Ground creates: each item\'s exact request, a bad item\'s problems, nothing sent or remembered; then byte-identical on the wire', async () => {
		const input = [{ order: 'A-1', source: 'n8n' }, { order: 'A-2', source: 'Bad Source' }, { order: 'A-3', source: 'n8n' }];
		const { previews, duringPreview, received } = await previewThenSend(
			{ resource: 'activity', operation: 'create', activityType: 'custom', customType: 'c_order', source: '={{ $json.source }}', clientEmail: 'customer@example.com', message: '={{ "Order " + $json.order }}', duplicateKey: '={{ $json.order }}' },
			'teamCommonGround',
			input,
			(body) => String(body.message),
		);
		expect(duringPreview).toHaveLength(0);
		expect(previews.map((json) => json.wouldSend)).toEqual([true, false, true]);
		expect(previews[0]).toMatchObject({ preview: true, method: 'POST', url: `${emulator.teamCommonGroundBaseUrl}/activities`, duplicateKey: 'A-1', problems: [] });
		expect(previews[1].problems).toEqual([expect.objectContaining({ error: expect.stringMatching(/^Source: "Bad Source"/) })]);
		// The real run (no Continue On Fail) stops on the bad item before sending: send the good ones.
		expect(received.size).toBe(0);
		emulator.clearLog();
		const good = input.filter((item) => item.source === 'n8n');
		const workflowId = 'preview-tcg-good';
		const preview = await run(node('teamCommonGround', { resource: 'activity', operation: 'create', activityType: 'custom', customType: 'c_order', clientEmail: 'customer@example.com', message: '={{ "Order " + $json.order }}', duplicateKey: '={{ $json.order }}', options: { preview: true } }), good, workflowId);
		await run(node('teamCommonGround', { resource: 'activity', operation: 'create', activityType: 'custom', customType: 'c_order', clientEmail: 'customer@example.com', message: '={{ "Order " + $json.order }}', duplicateKey: '={{ $json.order }}' }), good, workflowId);
		const wire = emulator.log().filter((entry) => entry.method === 'POST');
		expect(wire).toHaveLength(2); // the preview remembered nothing: both were sent
		expect(wire.map((entry) => entry.body)).toEqual(preview.map((json) => JSON.stringify(json.body)));
		// Once created, a preview says they would be skipped, and why.
		const again = await run(node('teamCommonGround', { resource: 'activity', operation: 'create', activityType: 'custom', customType: 'c_order', clientEmail: 'customer@example.com', message: '={{ "Order " + $json.order }}', duplicateKey: '={{ $json.order }}', options: { preview: true } }), good, workflowId);
		expect(again.map((json) => json.wouldSkip)).toEqual([expect.stringMatching(/^createdBefore/), expect.stringMatching(/^createdBefore/)]);
	});

	it('Common Room contact upsert with custom fields: one request (the custom-field definitions), then the same bytes on the wire', async () => {
		const input = [{ email: 'Ada@Example.com', plan: 'Pro', seats: '12' }, { email: 'grace@example.com', plan: 'Enterprise', seats: 7 }];
		const { previews, duringPreview, received } = await previewThenSend(
			{
				resource: 'contact',
				operation: 'upsert',
				destinationSourceId: '12345',
				email: '={{ $json.email }}',
				customFieldsUi: { customFieldValues: [{ field: '101', value: '={{ $json.plan }}' }, { field: '102', value: '={{ $json.seats }}' }] },
			},
			'commonRoom',
			input,
			(body) => String(body.id),
		);
		expect(duringPreview.map((entry) => `${entry.method} ${entry.path.split('?')[0]}`)).toEqual(['GET /community/v1/members/customFields']);
		expect(previews.map((json) => json.url)).toEqual([`${emulator.commonRoomBaseUrl}/source/12345/user`, `${emulator.commonRoomBaseUrl}/source/12345/user`]);
		for (const preview of previews) {
			const body = preview.body as IDataObject;
			expect(received.get(String(body.id))).toBe(JSON.stringify(body));
		}
		expect((previews[0].body as IDataObject).id).toBe('ada@example.com');
	});

	it('Common Room activity create: no request at all, the same bytes on the wire, and "unchanged" shown under Only Send Changes', async () => {
		const parameters = { resource: 'activity', operation: 'create', destinationSourceId: '12345', activityType: 'support_ticket', email: '={{ $json.email }}', content: '={{ $json.text }}', onlySendChanges: true, additionalFields: {} };
		const input = [{ email: 'ada@example.com', text: 'Hello' }];
		const { previews, duringPreview, received } = await previewThenSend(parameters, 'commonRoom', input, (body) => String(body.id));
		expect(duringPreview).toHaveLength(0);
		expect(received.get(String((previews[0].body as IDataObject).id))).toBe(JSON.stringify(previews[0].body));
		const later = await run(node('commonRoom', { ...parameters, options: { preview: true } }), input, 'preview-activity-changes');
		expect(later[0].wouldSkip).toBeUndefined(); // another workflow: its own memory
	});
});
