/**
 * Visibility → Build List and the Embed builders in n8n's real engine: no credential on the
 * node, no request sent, one output item per input item.
 */
import type { Emulator } from '../../../emulator';
import { runWorkflow } from '../../engine';
import { NODE_NAME, createParams, run, startTestEmulator, storedById, tcgNode } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

/** The node without any credential, run without credentials. */
async function runLocal(parameters: Record<string, unknown>, input = [{ json: {} }]) {
	const result = await runWorkflow({ nodes: [tcgNode(parameters as never, NODE_NAME, { credentials: undefined })], input });
	return result;
}

describe('credential', () => {
	it('is shown (and required) only for the resources that call the API', async () => {
		const { TeamCommonGround } = await import('../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/TeamCommonGround.node');
		const [credential] = new TeamCommonGround().description.credentials ?? [];
		expect(credential).toMatchObject({
			name: 'teamCommonGroundApi',
			required: true,
			displayOptions: { show: { resource: ['activity', 'task'] } },
		});
		const result = await runLocal(createParams({ clientEmail: 'customer@example.com' }));
		expect(result.error()?.message).toMatch(/credentials/i);
		expect(emulator.log()).toHaveLength(0);
	});
});

describe('Visibility → Build List', () => {
	it('returns the exact array and a summary per item, without a credential or request', async () => {
		const result = await runLocal(
			{
				resource: 'visibility',
				operation: 'buildList',
				visibilityAllClients: '={{ $json.clients }}',
				visibilityUserIds: '={{ $json.users }}',
			},
			[{ json: { clients: false, users: '' } }, { json: { clients: true, users: '' } }, { json: { clients: false, users: 'abc123xyz' } }],
		);
		const output = result.output(NODE_NAME);
		expect(output.map((item) => item.json)).toEqual([
			{ visibility: ['role:admin', 'role:staff'], summary: 'team only', notes: [] },
			{ visibility: ['role:admin', 'role:staff', 'role:client'], summary: 'team + all clients', notes: [] },
			{ visibility: ['role:admin', 'role:staff', 'user:abc123xyz'], summary: 'team + 1 specific user', notes: [] },
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.log()).toHaveLength(0);
	});

	it('its output is what a Create with the same choices sends', async () => {
		const choices = { visibilityMode: 'custom', visibilityTeamRoles: ['staff'], visibilityAllClients: true, visibilityUserIds: ['user_abc123'] };
		const built = (await runLocal({ resource: 'visibility', operation: 'buildList', ...choices })).output(NODE_NAME)[0].json;
		const result = await run(emulator, [tcgNode(createParams({ clientEmail: 'customer@example.com', ...choices }))]);
		const stored = storedById(emulator, result.output(NODE_NAME)[0].json.activityId);
		expect(stored.requestedVisibility).toEqual(built.visibility);
	});

	it('fails the item on a bad ID, with the item index', async () => {
		const result = await runLocal({ resource: 'visibility', operation: 'buildList', visibilityUserIds: ['two words'] });
		expect(result.error()?.message).toBe('Specific Users (User IDs): "two words" contains spaces or commas [item 0]');
	});
});

describe('Embed', () => {
	it('builds the popup URL, HTML button and JavaScript helper', async () => {
		const result = await runLocal({
			resource: 'embed',
			operation: 'buildPopupUrl',
			businessId: 'biz_demo',
			embedType: 'feedback_created',
			embedMessage: 'I noticed an issue with...',
			invite: true,
			returnUrl: 'https://example.com/thanks?from=popup',
		});
		const [item] = result.output(NODE_NAME);
		expect(item.json.url).toBe(
			'https://www.teamcommonground.com/embed/activity?bid=biz_demo&type=feedback_created&message=I%20noticed%20an%20issue%20with...&invite=true&return=https%3A%2F%2Fexample.com%2Fthanks%3Ffrom%3Dpopup',
		);
		expect(item.json.html).toContain("'tcg-activity',");
		expect(item.json.html).toContain('Send Feedback');
		expect(item.json.javascript).toContain("bid: 'biz_demo',");
		expect(emulator.log()).toHaveLength(0);
	});

	it('gives the domain verification values', async () => {
		const result = await runLocal({
			resource: 'embed',
			operation: 'domainVerificationValues',
			domain: 'https://www.example.com/',
			verificationKey: 'key_123',
		});
		expect(result.output(NODE_NAME)[0].json).toMatchObject({
			domain: 'www.example.com',
			file: { url: 'https://www.example.com/.well-known/teamcommonground.json', content: { verification: { key: 'key_123' } } },
			dns: { name: '_teamcommonground-verify', value: 'teamcommonground-verify=key_123' },
		});
	});
});
