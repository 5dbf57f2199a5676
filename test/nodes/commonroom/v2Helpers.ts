/**
 * Helpers for the engine tests of the Common Room node's API v2 operations (the v2*.test.ts files
 * beside this one): seeding through the emulator's v1 API and bulk control endpoint, the v2 part of
 * the request log, resource locator values.
 */
import type { IDataObject, INodeExecutionData, INodeParameterResourceLocator } from 'n8n-workflow';

import type { Emulator, RequestLogEntry } from '../../../emulator';
import { bulk } from '../../emulator/commonroomV2.helpers';
import { requests } from './helpers';

export { bulk, upsertV1Activity, upsertV1User } from '../../emulator/commonroomV2.helpers';

/** The demo seed's two contacts and organizations as v2 names them. */
export const ADA = 'c_100001';
export const GRACE = 'c_100002';
export const ANALYTICAL_ENGINES = 'o_3001';
export const NAVY = 'o_3002';

/** Requests to API v2, optionally filtered by method and path substring (the path includes the query). */
export function v2Requests(emulator: Emulator, method?: string, pathIncludes?: string): RequestLogEntry[] {
	return requests(emulator, method, pathIncludes).filter((entry) => entry.path.startsWith('/community/v2/'));
}

/** A resource locator's value, as the editor stores it. */
export function locator(value: string, mode: 'id' | 'list' = 'id'): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}

/** `count` contacts `<prefix>-<n>@example.com` written straight into the store (no HTTP, no rate limit). */
export async function seedContacts(emulator: Emulator, count: number, extra: IDataObject = {}): Promise<void> {
	await bulk(emulator, { contacts: count, ...extra });
}

export const jsonOf = (items: INodeExecutionData[]): IDataObject[] => items.map((item) => item.json);
export const pairedOf = (items: INodeExecutionData[]): unknown[] => items.map((item) => (item.pairedItem as { item: number }).item);
export const idsOf = (items: INodeExecutionData[]): string[] => items.map((item) => String(item.json.id));

/** The `cursor` a logged request carried, or undefined for a first page. */
export function cursorOf(entry: RequestLogEntry): string | undefined {
	return new URL(entry.path, 'http://x').searchParams.get('cursor') ?? undefined;
}

/** A logged request's query parameter. */
export function queryOf(entry: RequestLogEntry, name: string): string | null {
	return new URL(entry.path, 'http://x').searchParams.get(name);
}
