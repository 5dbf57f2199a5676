// Helpers for the Common Room v2 contract tests: a client on /community/v2, v1 writes, bulk seeding.
import type { Emulator } from '../../emulator';
import { DEMO, call, commonRoom, type CallResult } from './helpers';

/** Common Room v2 client bound to the demo token (or another). */
export function commonRoomV2(emulator: Emulator, token: string | null = emulator.tokens.commonRoom) {
	const url = (path: string) => `${emulator.commonRoomV2BaseUrl}${path}`;
	return {
		get: (path: string) => call(url(path), { token }),
		post: (path: string, body: unknown) => call(url(path), { token, body }),
		raw: (path: string, init: { method?: string; rawBody?: string }) => call(url(path), { token, ...init }),
	};
}

/** Upserts a contact through v1 (`POST /v1/source/{id}/user`); expects 202. */
export async function upsertV1User(emulator: Emulator, user: Record<string, unknown>, sourceId = DEMO.commonRoom.sourceId): Promise<void> {
	const res = await commonRoom(emulator).post(`/source/${sourceId}/user`, user);
	if (res.status !== 202) throw new Error(`user upsert answered ${res.status}: ${res.text}`);
}

/** Upserts an activity through v1 (`POST /v1/source/{id}/activity`); expects 202. */
export async function upsertV1Activity(emulator: Emulator, activity: Record<string, unknown>, sourceId = DEMO.commonRoom.sourceId): Promise<void> {
	const res = await commonRoom(emulator).post(`/source/${sourceId}/activity`, activity);
	if (res.status !== 202) throw new Error(`activity upsert answered ${res.status}: ${res.text}`);
}

/** POST /__emulator/commonRoom/bulk. */
export async function bulk(emulator: Emulator, body: Record<string, unknown>): Promise<CallResult> {
	const res = await call(`${emulator.url}/__emulator/commonRoom/bulk`, { body });
	if (res.status !== 200) throw new Error(`bulk answered ${res.status}: ${res.text}`);
	return res;
}

/** A v2 list answer's body; tests read arbitrary JSON from it. */
export interface ListBody {
	data: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON
	meta: { nextCursor: string | null; recordCount?: number };
}

/** Follows meta.nextCursor from `path` until it is null; returns every page's body. */
export async function allPages(client: ReturnType<typeof commonRoomV2>, path: string): Promise<ListBody[]> {
	const pages: ListBody[] = [];
	let next: string | null = path;
	while (next !== null) {
		const res = await client.get(next);
		if (res.status !== 200) throw new Error(`${next} answered ${res.status}: ${res.text}`);
		pages.push(res.body);
		const cursor: string | null = res.body.meta.nextCursor;
		next = cursor === null ? null : `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
		if (pages.length > 1000) throw new Error('paging does not end');
	}
	return pages;
}

export const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);
