/**
 * The Common Room node's version 2 (the default for new nodes): Contact writes with n8n's
 * resource mapper ("Contact Fields", its fields read from the workspace) and the Destination Source as a
 * resource locator, in n8n-core's real engine and LoadOptionsContext against the emulator over
 * HTTP. Version 1 is unchanged (the other suites run it); here both versions send the same bytes.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, INodeParameters, INodeType, IWorkflowExecuteAdditionalData, ResourceMapperField } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CommonRoom } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/CommonRoom.node';
import { node, nodeTypeName, runWorkflow, TestCredentialsHelper } from '../../engine';
import { SOURCE_ID, useEmulator } from './helpers';

const emulator = useEmulator();
const nodeType = new CommonRoom();

function loadContext(parameters: INodeParameters): LoadOptionsContext {
	const editing: INode = { id: 'cr', name: 'Common Room', type: nodeTypeName('commonRoom'), typeVersion: 2, position: [0, 0], parameters, credentials: { commonRoomApi: { id: '1', name: 'cr' } } };
	const nodeTypes = { getByName: () => nodeType as INodeType, getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType, 2), getKnownTypes: () => ({}) };
	const workflow = new Workflow({ id: 'w', nodes: [editing], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ commonRoomApi: { apiToken: emulator().tokens.commonRoom, baseUrl: emulator().commonRoomBaseUrl } }),
		currentNodeParameters: parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, editing, additionalData, 'parameters.contactFields');
}

const source = (value: string, mode = 'list') => ({ __rl: true, mode, value });

async function upsert(version: 1 | 2, parameters: INodeParameters, input: IDataObject[]) {
	const result = await runWorkflow({
		nodes: [node('commonRoom', { resource: 'contact', operation: 'upsert', ...parameters }, { typeVersion: version })],
		input: input.map((json) => ({ json })),
		credentials: { commonRoomApi: { apiToken: emulator().tokens.commonRoom, baseUrl: emulator().commonRoomBaseUrl } },
	});
	return result;
}

const sentBodies = () =>
	emulator()
		.log()
		.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/user'))
		.map((entry) => entry.body);

describe('Common Room version 2: Contact Fields (resource mapper)', () => {
	it('reads the workspace: email to match on, every standard field and handle, every custom field with its type', async () => {
		const { fields } = await nodeType.methods.resourceMapping.getContactFields.call(loadContext({ destinationSourceId: source('sig_12345') }));
		const byId = new Map(fields.map((field: ResourceMapperField) => [field.id, field]));
		expect(byId.get('email')).toMatchObject({ required: true, defaultMatch: true, canBeUsedToMatch: true, type: 'string' });
		for (const id of ['fullName', 'companyName', 'titleAtCompany', 'twitterUsername', 'githubUsername', 'discordUsername']) expect(byId.get(id)?.type).toBe('string');
		expect(byId.get('linkedinUrl')?.type).toBe('url');
		expect(byId.get('cf:101')).toMatchObject({ displayName: 'Plan', type: 'options', options: [{ name: 'Free', value: 'Free' }, { name: 'Pro', value: 'Pro' }, { name: 'Enterprise', value: 'Enterprise' }] });
		expect(byId.get('cf:102')).toMatchObject({ displayName: 'Seats', type: 'number' });
		expect(byId.get('cf:103')).toMatchObject({ displayName: 'MRR', type: 'number' });
		expect(byId.get('cf:104')).toMatchObject({ displayName: 'Signup date', type: 'dateTime' });
		expect(byId.get('cf:105')).toMatchObject({ displayName: 'Website', type: 'url' });
		expect(byId.get('cf:106')).toMatchObject({ displayName: 'Is customer', type: 'boolean' });
		expect(byId.get('cf:107')).toMatchObject({ displayName: 'Nickname', type: 'string' });
		expect(fields.some((field: ResourceMapperField) => field.type === 'array')).toBe(true); // the seed's multi-value field
	});

	it('version 1 (Define Below) and version 2 (Contact Fields) send the same bytes for the same input', async () => {
		const input = [{ email: ' Ada@Example.com ', name: 'Ada Lovelace', plan: 'Pro', seats: '12', signup: '2026-05-06' }];
		await upsert(1, {
			destinationSourceId: SOURCE_ID,
			email: '={{ $json.email }}',
			additionalFields: { fullName: '={{ $json.name }}' },
			customFieldsUi: { customFieldValues: [{ field: '101', value: '={{ $json.plan }}' }, { field: '102', value: '={{ $json.seats }}' }, { field: '104', value: '={{ $json.signup }}' }] },
		}, input);
		await upsert(2, {
			destinationSourceId: source(`sig_${SOURCE_ID}`),
			contactFields: { mappingMode: 'defineBelow', value: { email: '={{ $json.email }}', fullName: '={{ $json.name }}', 'cf:101': '={{ $json.plan }}', 'cf:102': '={{ $json.seats }}', 'cf:104': '={{ $json.signup }}' }, matchingColumns: ['email'], schema: [] },
		}, input);
		const [v1, v2] = sentBodies();
		expect(v1).toBeDefined();
		expect(v2).toBe(v1);
	});

	it('Map Automatically: keys by name and alias (Full Name, company) and custom fields by name; keys that match nothing are reported on the item', async () => {
		const result = await upsert(2, { destinationSourceId: source(SOURCE_ID, 'id'), contactFields: { mappingMode: 'autoMapInputData', value: null } }, [
			{ email: 'grace@example.com', 'Full Name': 'Grace Hopper', company: 'Navy', Plan: 'Enterprise', shoeSize: 9 },
		]);
		const [item] = result.output('Common Room');
		expect(item.json).toMatchObject({ status: 'upserted', fullName: 'Grace Hopper', companyName: 'Navy', unmapped: { shoeSize: 9 } });
		expect(JSON.parse(String(sentBodies()[0]))).toMatchObject({ customFields: [{ id: 101, value: { type: 'enum', value: 'Enterprise' } }] });
	});

	it('Map Automatically: Additional Fields › Input Fields to Ignore leaves keys out of the body and the report', async () => {
		const result = await upsert(
			2,
			{ destinationSourceId: source(SOURCE_ID, 'id'), contactFields: { mappingMode: 'autoMapInputData', value: null }, additionalFields: { inputFieldsToIgnore: 'shoe size, rowNumber' } },
			[{ email: 'grace@example.com', company: 'Navy', shoeSize: 9, rowNumber: 4, hatSize: 7 }],
		);
		const [item] = result.output('Common Room');
		expect(item.json).toMatchObject({ status: 'upserted', companyName: 'Navy', unmapped: { hatSize: 7 } });
		expect(item.json.unmapped).not.toHaveProperty('shoeSize');
		expect(String(sentBodies()[0])).not.toMatch(/shoeSize|rowNumber|hatSize/);
	});

	it('a value the field cannot take is refused naming the field, before any write', async () => {
		const result = await upsert(2, { destinationSourceId: source(SOURCE_ID), contactFields: { mappingMode: 'defineBelow', value: { email: 'x@example.com', 'cf:102': 'many' }, schema: [{ id: 'cf:102', displayName: 'Seats' }] } }, [{}]);
		expect(result.error()?.message).toMatch(/Seats/);
		expect(sentBodies()).toHaveLength(0);
	});

	it('a mapped custom field that was removed in Common Room is named, with how to refresh the fields', async () => {
		const result = await upsert(2, {
			destinationSourceId: source(SOURCE_ID),
			contactFields: { mappingMode: 'defineBelow', value: { email: 'x@example.com', 'cf:999': 'gone' }, schema: [{ id: 'cf:999', displayName: 'Old plan' }] },
		}, [{}]);
		expect(result.error()?.message).toMatch(/^Contact Fields › Old plan: the custom field "Old plan" \(id 999\) is no longer in this workspace/);
		expect(result.error()?.description).toMatch(/open Contact Fields, choose Refresh Field List/);
		expect(sentBodies()).toHaveLength(0);
	});

	it('an empty email column is refused naming it', async () => {
		const result = await upsert(2, { destinationSourceId: source(SOURCE_ID), contactFields: { mappingMode: 'defineBelow', value: { email: '', fullName: 'Nobody' } } }, [{}]);
		expect(result.error()?.message).toBe('Contact Fields › email: is empty [item 0]');
	});
});

describe('Common Room version 2: Destination Source', () => {
	it('the picker lists the workspace\'s signal sources (GET /providers), searchable; sig_<n> and n both write to source n', async () => {
		const listed = await nodeType.methods.listSearch.searchSources.call(loadContext({}), 'warehouse');
		expect(listed.results).toEqual([{ name: 'Warehouse sync (api)', value: 'sig_23456' }]);
		const all = await nodeType.methods.listSearch.searchSources.call(loadContext({}));
		expect(all.results.map((item) => item.value)).toEqual(['sig_12345', 'sig_23456']);
		await upsert(2, { destinationSourceId: source('sig_23456'), contactFields: { mappingMode: 'defineBelow', value: { email: 'one@example.com' } } }, [{}]);
		await upsert(2, { destinationSourceId: source('23456', 'id'), contactFields: { mappingMode: 'defineBelow', value: { email: 'two@example.com' } } }, [{}]);
		expect(emulator().log().filter((entry) => entry.method === 'POST').map((entry) => entry.path)).toEqual(['/community/v1/source/23456/user', '/community/v1/source/23456/user']);
	});
});
