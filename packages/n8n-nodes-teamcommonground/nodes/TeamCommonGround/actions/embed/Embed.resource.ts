import type { INodeProperties } from 'n8n-workflow';

import * as buildPopupUrl from './buildPopupUrl.operation';
import * as domainVerificationValues from './domainVerificationValues.operation';

export { buildPopupUrl, domainVerificationValues };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['embed'] } },
		options: [
			{
				name: 'Build Popup URL',
				value: 'buildPopupUrl',
				description:
					'Build the embed popup URL, an HTML button and the JavaScript helper (sends nothing)',
				action: 'Build an embed popup URL',
			},
			{
				name: 'Domain Verification Values',
				value: 'domainVerificationValues',
				description:
					'Get the verification file content and DNS TXT record for a domain (sends nothing)',
				action: 'Get domain verification values',
			},
		],
		default: 'buildPopupUrl',
	},
	...buildPopupUrl.description,
	...domainVerificationValues.description,
];
