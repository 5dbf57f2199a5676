/**
 * The node's editor methods (loadOptions, listSearch) in n8n-core's real LoadOptionsContext, with
 * its real httpRequestWithAuthentication against the emulator. (The credential's own test is in
 * test/credentials.)
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CommonRoom } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/CommonRoom.node';
import { nodeTypeName, TestCredentialsHelper } from '../../engine';
import { SOURCE_ID, useEmulator } from './helpers';

const emulator = useEmulator();
const nodeType = new CommonRoom();

function loadOptionsContext(parameters: INodeParameters, token = emulator().tokens.commonRoom) {
	const node: INode = {
		id: 'cr',
		name: 'Common Room',
		type: nodeTypeName('commonRoom'),
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { commonRoomApi: { id: '1', name: 'cr' } },
	};
	const nodeTypes = {
		getByName: () => nodeType as INodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({
			commonRoomApi: { apiToken: token, baseUrl: emulator().commonRoomBaseUrl },
		}),
		currentNodeParameters: parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.x');
}

const load = nodeType.methods.loadOptions;

describe('loadOptions against the emulator', () => {
	it('activity types', async () => {
		const options = await load.getActivityTypes.call(loadOptionsContext({}));
		expect(options).toContainEqual({ name: 'Signed up', value: 'signed_up', description: 'ID: signed_up' });
		expect(options).toHaveLength(7);
	});

	it('custom fields: all, or those the chosen source may write', async () => {
		const all = await load.getCustomFields.call(loadOptionsContext({}));
		expect(all.map((option) => option.value)).toContain('120');
		const writable = await load.getCustomFields.call(loadOptionsContext({ destinationSourceId: SOURCE_ID }));
		expect(writable.map((option) => option.value)).not.toContain('120');
		expect(writable).toContainEqual({ name: 'Plan', value: '101', description: 'enum: Free, Pro, Enterprise' });
		expect(writable).toContainEqual({ name: 'Languages', value: '108', description: 'multi-value enum: Python, TypeScript, Go, Rust' });
	});

	it('segments and the chosen segment statuses', async () => {
		expect(await load.getSegments.call(loadOptionsContext({}))).toEqual([
			{ name: 'Champions', value: '501' },
			{ name: 'Trial users', value: '502' },
		]);
		expect(await load.getSegmentStatuses.call(loadOptionsContext({ segmentId: '501' }))).toEqual([
			{ name: 'No Status', value: '' },
			{ name: 'New', value: '1' },
			{ name: 'Contacted', value: '2' },
			{ name: 'Engaged', value: '3' },
		]);
		expect(await load.getSegmentStatuses.call(loadOptionsContext({}))).toEqual([{ name: 'No Status', value: '' }]);
	});

	it('tags for contacts and for activities (deleted tags left out)', async () => {
		const contactTags = (await load.getContactTags.call(loadOptionsContext({}))).map((option) => option.name);
		expect(contactTags).toEqual(['Beta tester', 'VIP']);
		const activityTags = (await load.getActivityTags.call(loadOptionsContext({}))).map((option) => option.name);
		expect(activityTags).toEqual(['Beta tester', 'Feature request']);
	});

	it('tag search', async () => {
		const { results } = await nodeType.methods.listSearch.searchTags.call(loadOptionsContext({}), 'beta');
		expect(results).toEqual([{ name: 'Beta tester', value: '1002' }]);
	});

	it('a wrong token fails the dropdown with an error, not an empty list', async () => {
		await expect(load.getSegments.call(loadOptionsContext({}, 'cr_wrong_token_000000'))).rejects.toThrow();
	});
});
