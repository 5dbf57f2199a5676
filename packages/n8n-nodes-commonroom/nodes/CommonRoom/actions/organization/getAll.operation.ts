import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { invalidInput, quote, textParameter } from '../../../shared/parameters';
import { normalizeDomain } from '../../helpers/contactMapping';
import { ORGANIZATION_COLUMNS, ORGANIZATION_DEFAULT_COLUMNS } from '../../helpers/v2Columns';
import { colsParam } from '../../helpers/v2Query';
import { readMany } from '../../transport/v2';
import { readOptions, returnAllProperties } from '../properties';
import { columnsProperty, readColumns, readWanted, type Wanted } from '../v2Fields';
import { customFieldNaming, namedRecords, type CustomFieldNames } from '../v2Records';

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme',
				description: "Only the organization with exactly this name (Common Room's own filter: no partial matches)",
			},
			{
				displayName: 'Primary Domain',
				name: 'primaryDomain',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme.com',
				description: 'Only the organization with this primary domain (a URL such as https://www.acme.com/about is read as acme.com)',
			},
		],
	},
	columnsProperty(ORGANIZATION_COLUMNS, ORGANIZATION_DEFAULT_COLUMNS, 'organization'),
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['organization'], operation: ['getAll'] } },
	properties,
);

interface Prepared {
	wanted: Wanted;
	qs: IDataObject;
	columns: string[];
	timeoutMs: number;
}

export const operation: ItemOperation<Prepared, CustomFieldNames> = {
	prepare(ctx, itemIndex) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const name = textParameter(ctx, itemIndex, filters.name, 'Name');
		const domainText = textParameter(ctx, itemIndex, filters.primaryDomain, 'Primary Domain');
		const primaryDomain = domainText === '' ? undefined : normalizeDomain(domainText);
		if (domainText !== '' && !primaryDomain) {
			throw invalidInput(ctx, itemIndex, 'Primary Domain', `${quote(domainText)} is not a web domain`, 'Give a domain such as acme.com.');
		}
		const columns = readColumns(ctx, itemIndex, ORGANIZATION_COLUMNS);
		const qs: IDataObject = { ...colsParam(columns), ...(name ? { name } : {}), ...(primaryDomain ? { primaryDomain } : {}) };
		return { wanted: readWanted(ctx, itemIndex), qs, columns, timeoutMs: readTimeoutMs(ctx, itemIndex) };
	},

	prepareRun: customFieldNaming('organization'),

	/** v2 GET /organizations, page after page (200 each, following the cursor): one item per organization. */
	async execute(ctx, prepared, itemIndex, names) {
		const records = await readMany(ctx, '/organizations', prepared.qs, prepared.wanted, { itemIndex, timeoutMs: prepared.timeoutMs });
		return namedRecords(records, names);
	},
};
