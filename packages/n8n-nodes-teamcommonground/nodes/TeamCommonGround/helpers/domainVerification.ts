import type { IDataObject } from 'n8n-workflow';

import { quote, type Problem } from '../../shared/parameters';
import {
	VERIFICATION_DNS_HOST,
	VERIFICATION_DNS_VALUE_PREFIX,
	VERIFICATION_FILE_PATH,
} from './constants';

export type VerificationResult = { ok: true; values: IDataObject } | { ok: false; problems: Problem[] };

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS TXT string holds at most 255 characters; the value is the prefix plus the key. */
const MAX_TXT_LENGTH = 255;

/** "www.Example.com", "https://www.example.com/contact" → "www.example.com"; undefined if no hostname. */
export function normalizeDomain(value: string): string | undefined {
	let host = value.trim().toLowerCase();
	if (host === '') return undefined;
	if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
		try {
			host = new URL(host).hostname;
		} catch {
			return undefined;
		}
	} else {
		host = host.split(/[/?#]/)[0].replace(/:\d+$/, '');
	}
	host = host.replace(/\.$/, '');
	return HOSTNAME.test(host) ? host : undefined;
}

/**
 * Both verification methods of the document for one domain and key: the file to host at
 * `/.well-known/teamcommonground.json` (its exact JSON), and the DNS TXT record's name (short
 * form and fully qualified, since DNS providers differ) and value.
 */
export function buildDomainVerification(domainInput: string, keyInput: string): VerificationResult {
	const problems: Problem[] = [];
	const domain = normalizeDomain(domainInput);
	if (!domain) {
		problems.push({
			field: 'Domain',
			problem: `${quote(domainInput)} is not a domain name`,
			fix: 'Give the website\'s host name, e.g. "www.example.com".',
		});
	}
	const key = keyInput.trim();
	if (key === '') {
		problems.push({
			field: 'Verification Key',
			problem: 'is required',
			fix: 'Copy it from the domain verification step of your Team Common Ground integration settings.',
		});
	} else if (/[\s"\\]/.test(key)) {
		problems.push({ field: 'Verification Key', problem: `${quote(key)} contains spaces, quotes or backslashes` });
	} else if (VERIFICATION_DNS_VALUE_PREFIX.length + key.length > MAX_TXT_LENGTH) {
		problems.push({
			field: 'Verification Key',
			problem: `is ${key.length} characters long; a DNS TXT value holds at most ${MAX_TXT_LENGTH - VERIFICATION_DNS_VALUE_PREFIX.length} after the prefix`,
		});
	}
	if (problems.length > 0 || !domain) return { ok: false, problems };

	const fileContent = { verification: { key } };
	return {
		ok: true,
		values: {
			domain,
			file: {
				path: VERIFICATION_FILE_PATH,
				url: `https://${domain}${VERIFICATION_FILE_PATH}`,
				content: fileContent,
				contentText: `${JSON.stringify(fileContent, null, 2)}\n`,
			},
			dns: {
				type: 'TXT',
				name: VERIFICATION_DNS_HOST,
				fullName: `${VERIFICATION_DNS_HOST}.${domain}`,
				value: `${VERIFICATION_DNS_VALUE_PREFIX}${key}`,
			},
		},
	};
}
