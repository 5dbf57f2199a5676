import type { IDataObject } from 'n8n-workflow';

import { emailProblem, isHttpUrl, normalizeEmail, quote, type Problem } from '../../shared/parameters';
import {
	CUSTOM_TYPE_PATTERN,
	DUE_DATE_TYPES,
	MAX_BODY_BYTES,
	SYSTEM_ACTIVITY_TYPES,
} from './constants';
import { checkSource } from './source';

/** The client lookup the document describes ("Client Object"); null = no client at all. */
export interface ClientInput {
	id?: string;
	email?: string;
	phone?: string;
	firstName?: string;
	lastName?: string;
}

/** Everything a create operation can send, as read from the node's parameters. */
export interface ActivityInput {
	type: string;
	source?: string;
	client: ClientInput | null;
	message?: string;
	tags?: readonly string[];
	links?: readonly string[];
	visibility?: readonly string[];
	createdBy?: string;
	data?: IDataObject;
	threadId?: string;
	parentActivityId?: string;
	/** ISO 8601 in UTC, already read by the package's date rule (nodes/shared/parameters/date.ts). */
	dueAt?: string;
	hasTime?: boolean;
}

export interface ActivityBody extends IDataObject {
	type: string;
}

export type BodyResult =
	| { ok: true; body: ActivityBody; bytes: number }
	| { ok: false; problems: Problem[] };

const SYSTEM_TYPES: readonly string[] = SYSTEM_ACTIVITY_TYPES.map((type) => type.value);

/** The activity type: a system type, or `c_` + a lowercase slug. */
export function checkActivityType(type: string): Problem | undefined {
	if (SYSTEM_TYPES.includes(type) || CUSTOM_TYPE_PATTERN.test(type)) return undefined;
	const slug = type
		.toLowerCase()
		.replace(/^c_/, '')
		.replace(/[^a-z0-9_]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return {
		field: 'Custom Type',
		problem: `${quote(type)} is not a custom activity type`,
		fix: slug
			? `Custom types are "c_" followed by lowercase letters, digits and underscores: use "c_${slug}" (the internal ID shown in your activity type settings).`
			: 'Custom types are "c_" followed by lowercase letters, digits and underscores, e.g. "c_site_visit".',
	};
}

/** An ID-like value: one token, no spaces. */
function checkId(value: string, field: string, problems: Problem[]): void {
	if (/\s/.test(value)) {
		problems.push({ field, problem: `${quote(value)} contains spaces`, fix: 'Use the ID exactly as Team Common Ground shows it.' });
	}
}

/**
 * Builds the `POST /activities` body and checks it the way the document describes, so a bad
 * item fails before any request: the type, the source slug, the client (one of id / email /
 * phone, an id only with a source), tags, links, threading, and the 100 KB size limit measured
 * on the bytes that would be sent.
 */
export function buildActivityBody(input: ActivityInput): BodyResult {
	const problems: Problem[] = [];
	const body: ActivityBody = { type: input.type };

	const typeProblem = checkActivityType(input.type);
	if (typeProblem) problems.push(typeProblem);

	if (input.source !== undefined && input.source !== '') {
		const sourceProblem = checkSource(input.source);
		if (sourceProblem) problems.push(sourceProblem);
		body.source = input.source;
	}

	if (input.threadId !== undefined && input.threadId !== '') {
		checkId(input.threadId, 'Thread ID', problems);
		body.threadId = input.threadId;
	}
	if (input.parentActivityId !== undefined && input.parentActivityId !== '') {
		checkId(input.parentActivityId, 'Parent Activity ID', problems);
		if (body.threadId === undefined) {
			problems.push({
				field: 'Thread ID',
				problem: 'is required for a reply',
				fix: "Set it to the thread's root activity ID (the threadId output of the node that created the root or a previous reply).",
			});
		}
		body.parentActivityId = input.parentActivityId;
	}

	if (input.client) {
		const client = buildClient(input.client, body.source as string | undefined, problems);
		if (client) body.client = client;
	}

	if (input.message !== undefined && input.message !== '') body.message = input.message;

	if (input.tags && input.tags.length > 0) {
		const tags = [...new Set(input.tags)];
		for (const tag of tags) checkId(tag, 'Tag IDs', problems);
		body.tags = tags;
	}

	if (input.links && input.links.length > 0) {
		for (const link of input.links) {
			if (!isHttpUrl(link)) {
				problems.push({
					field: 'Links',
					problem: `${quote(link)} is not an http(s) URL`,
					fix: 'Give full URLs starting with https:// or http://.',
				});
			}
		}
		body.links = input.links.map((link) => link.trim());
	}

	if (input.visibility && input.visibility.length > 0) body.visibility = [...input.visibility];

	if (input.createdBy !== undefined && input.createdBy !== '') {
		checkId(input.createdBy, 'Created By', problems);
		body.createdBy = input.createdBy;
	}

	if (input.dueAt !== undefined) {
		if (!DUE_DATE_TYPES.includes(input.type)) {
			problems.push({
				field: 'Due At',
				problem: `due dates apply to tasks and follow-ups, not to ${quote(input.type)}`,
			});
		}
		body.dueAt = input.dueAt;
		body.hasTime = input.hasTime ?? true;
	}

	if (input.data && Object.keys(input.data).length > 0) body.data = input.data;

	if (problems.length > 0) return { ok: false, problems };

	const bytes = jsonByteLength(body);
	if (bytes > MAX_BODY_BYTES) {
		return {
			ok: false,
			problems: [
				{
					field: 'Body',
					problem: `the activity would be ${formatBytes(bytes)}; Team Common Ground accepts at most ${formatBytes(MAX_BODY_BYTES)}`,
					fix: 'Shorten the message or the data, or send fewer links; the limit counts the whole JSON body.',
				},
			],
		};
	}
	return { ok: true, body, bytes };
}

function buildClient(input: ClientInput, source: string | undefined, problems: Problem[]): IDataObject | undefined {
	const client: IDataObject = {};
	const id = input.id?.trim() ?? '';
	const email = input.email?.trim() ?? '';
	const phone = input.phone?.trim() ?? '';

	if (id === '' && email === '' && phone === '') {
		problems.push({
			field: 'Client',
			problem: 'needs a Client ID, Email or Phone to be matched',
			fix: 'Fill in at least one of Client ID, Client Email or Client Phone, or choose "No Client" for a business-wide activity.',
		});
		return undefined;
	}
	if (id !== '') {
		checkId(id, 'Client ID', problems);
		if (!source) {
			problems.push({
				field: 'Source',
				problem: 'is required when a Client ID is given',
				fix: 'Client IDs are mapped per source: set Source to the integration the ID comes from (e.g. "my-crm").',
			});
		}
		client.id = id;
	}
	if (email !== '') {
		if (!normalizeEmail(email)) problems.push({ field: 'Client Email', problem: emailProblem(email) });
		client.email = email;
	}
	if (phone !== '') {
		if (!/\d/.test(phone)) {
			problems.push({ field: 'Client Phone', problem: `${quote(phone)} has no digits` });
		}
		client.phone = phone;
	}
	const firstName = input.firstName?.trim() ?? '';
	const lastName = input.lastName?.trim() ?? '';
	if (firstName !== '') client.firstName = firstName;
	if (lastName !== '') client.lastName = lastName;
	return client;
}

/** Bytes the body takes on the wire, as JSON in UTF-8. */
export function jsonByteLength(body: unknown): number {
	return Buffer.byteLength(JSON.stringify(body), 'utf8');
}

export function formatBytes(bytes: number): string {
	return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB)`;
}
