import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { localOperation } from '../../../shared/execution';
import { textParameter, throwProblems } from '../../../shared/parameters';
import { buildDomainVerification } from '../../helpers/domainVerification';

const properties: INodeProperties[] = [
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'www.example.com',
		description: 'The website that will show the embed button',
	},
	{
		displayName: 'Verification Key',
		name: 'verificationKey',
		type: 'string',
		required: true,
		default: '',
		description: 'The key from the domain verification step of your integration settings',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['embed'], operation: ['domainVerificationValues'] } },
	properties,
);

/** No request: the well-known file's content and the DNS TXT record for the domain. */
export const operation = localOperation((ctx, itemIndex) => {
	const domain = textParameter(ctx, itemIndex, ctx.getNodeParameter('domain', itemIndex), 'Domain');
	const key = textParameter(ctx, itemIndex, ctx.getNodeParameter('verificationKey', itemIndex), 'Verification Key');
	const result = buildDomainVerification(domain, key);
	if (!result.ok) throwProblems(ctx, itemIndex, result.problems);
	return result.values;
});
