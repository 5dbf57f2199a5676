/**
 * The API v2 pickers (listSearch: contacts, organizations, segments) in n8n-core's real
 * LoadOptionsContext against the emulator: search, and paging with paginationToken = the v2 cursor.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodeType, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CommonRoom } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/CommonRoom.node';
import { call } from '../../emulator/helpers';
import { nodeTypeName, TestCredentialsHelper } from '../../engine';
import { useEmulator } from './helpers';
import { ADA, ANALYTICAL_ENGINES, GRACE, NAVY, seedContacts, v2Requests } from './v2Helpers';

const emulator = useEmulator();
const nodeType = new CommonRoom();
const search = nodeType.methods.listSearch;

function context() {
	const node: INode = {
		id: 'cr',
		name: 'Common Room',
		type: nodeTypeName('commonRoom'),
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
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
			commonRoomApi: { apiToken: emulator().tokens.commonRoom, baseUrl: emulator().commonRoomBaseUrl },
		}),
		currentNodeParameters: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.x');
}

type Method = (this: LoadOptionsContext, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/** Every page the picker would load while the user scrolls: the results of each, in order. */
async function allPages(method: Method, filter?: string): Promise<INodeListSearchResult[]> {
	const pages: INodeListSearchResult[] = [];
	let token: string | undefined;
	do {
		const page = await method.call(context(), filter, token);
		pages.push(page);
		token = page.paginationToken;
	} while (token && pages.length < 50);
	return pages;
}

const values = (pages: INodeListSearchResult[]) => pages.flatMap((page) => page.results.map((result) => String(result.value)));

describe('Segment picker', () => {
	it("lists segments with a link; the search is the API's name search", async () => {
		const { results, paginationToken } = await search.searchSegments.call(context());
		expect(results).toEqual([
			{ name: 'Champions', value: 's_501', url: 'https://app.commonroom.io/community/8p980hdo0/segment/501' },
			{ name: 'Trial users', value: 's_502', url: 'https://app.commonroom.io/community/8p980hdo0/segment/502' },
		]);
		expect(paginationToken).toBeUndefined();
		expect((await search.searchSegments.call(context(), 'TRIAL')).results.map((result) => result.value)).toEqual(['s_502']);
		expect((await search.searchSegments.call(context(), 's_501')).results.map((result) => result.name)).toEqual(['Champions (contact)']);
		expect((await search.searchSegments.call(context(), 's_9')).results).toEqual([]);
	});

	it('pages of 100 follow the v2 cursor as paginationToken: every segment once', async () => {
		for (let n = 1; n <= 150; n++) {
			const res = await call(`${emulator().commonRoomV2BaseUrl}/segments`, { token: emulator().tokens.commonRoom, body: { name: `Paged ${n}` } });
			expect(res.status).toBe(201);
		}
		const pages = await allPages(search.searchSegments as Method);
		expect(pages.map((page) => page.results.length)).toEqual([100, 52]);
		expect(pages.map((page) => page.paginationToken === undefined)).toEqual([false, true]);
		expect(new Set(values(pages)).size).toBe(152);
		const paged = await allPages(search.searchSegments as Method, 'paged 1');
		expect(values(paged)).toHaveLength(1 + 10 + 51); // Paged 1, 10–19, 100–150
	});
});

describe('Organization picker', () => {
	it('finds by primary domain, by exact name, or by id', async () => {
		expect((await search.searchOrganizations.call(context(), 'NAVY.example')).results).toEqual([
			{ name: 'Navy (navy.example)', value: NAVY, url: 'https://app.commonroom.io/community/8p980hdo0/organization/3002' },
		]);
		expect((await search.searchOrganizations.call(context(), 'analytical engines')).results.map((result) => result.value)).toEqual([ANALYTICAL_ENGINES]);
		expect((await search.searchOrganizations.call(context(), ANALYTICAL_ENGINES)).results.map((result) => result.value)).toEqual([ANALYTICAL_ENGINES]);
		expect((await search.searchOrganizations.call(context(), 'o_42')).results).toEqual([]);
		expect((await search.searchOrganizations.call(context(), 'Analytical')).results).toEqual([]);
	});

	it('pages through every organization with paginationToken', async () => {
		await seedContacts(emulator(), 150, { companies: 150, idPrefix: 'pick' });
		const pages = await allPages(search.searchOrganizations as Method);
		expect(pages.map((page) => page.results.length)).toEqual([100, 52]);
		expect(new Set(values(pages)).size).toBe(152);
	});
});

describe('Contact picker', () => {
	it('contacts by name with their email; an id finds that contact', async () => {
		const { results } = await search.searchContacts.call(context());
		expect(results).toEqual([
			{ name: 'Ada Lovelace (ada@example.com)', value: ADA, url: `https://app.commonroom.io/community/8p980hdo0/member/${ADA.slice(2)}` },
			{ name: 'Grace Hopper (grace@example.com)', value: GRACE, url: `https://app.commonroom.io/community/8p980hdo0/member/${GRACE.slice(2)}` },
		]);
		expect((await search.searchContacts.call(context(), GRACE)).results.map((result) => result.value)).toEqual([GRACE]);
		expect((await search.searchContacts.call(context(), 'c_1')).results).toEqual([]);
	});

	it('without a search: pages of 100 by name, paginationToken = the v2 cursor, nothing repeated or skipped', async () => {
		await seedContacts(emulator(), 248);
		const pages = await allPages(search.searchContacts as Method);
		expect(pages.map((page) => page.results.length)).toEqual([100, 100, 50]);
		const ids = values(pages);
		expect(new Set(ids).size).toBe(250);
		const names = pages.flatMap((page) => page.results.map((result) => result.name.toLowerCase()));
		expect(names).toEqual([...names].sort());
	});

	it('a search is matched against name and email over bounded pages, and continues from where it stopped', async () => {
		await seedContacts(emulator(), 1198); // + 2 = 1,200 contacts
		// By name Grace Hopper is the 1,200th: past the 5 pages of 200 one call reads.
		const first = await search.searchContacts.call(context(), 'GRACE');
		expect(first.results).toEqual([]);
		expect(first.paginationToken).toBeDefined();
		expect(v2Requests(emulator(), 'GET', '/contacts')).toHaveLength(5);
		const next = await search.searchContacts.call(context(), 'GRACE', first.paginationToken);
		expect(next.results.map((result) => result.value)).toEqual([GRACE]);
		expect(next.paginationToken).toBeUndefined();
		const pages = await allPages(search.searchContacts as Method, 'bulk-11');
		// bulk-11, bulk-110…119, bulk-1100…1198 (by email); each once.
		const ids = values(pages);
		expect(ids).toHaveLength(1 + 10 + 99);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
