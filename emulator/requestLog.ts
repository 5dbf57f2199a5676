// The request log: one entry per API request (control calls are not logged). Holds method, path,
// status and timing only — never headers, so never a token. Capped (oldest dropped) so a long
// demo run cannot grow without bound.
import type { RequestLogEntry } from './types';

export const REQUEST_LOG_CAP = 50_000;

export class RequestLog {
	private entries: RequestLogEntry[] = [];

	add(entry: RequestLogEntry): void {
		this.entries.push(entry);
		if (this.entries.length > REQUEST_LOG_CAP) this.entries.splice(0, this.entries.length - REQUEST_LOG_CAP);
	}

	all(): RequestLogEntry[] {
		return this.entries.map((entry) => ({ ...entry }));
	}

	clear(): void {
		this.entries = [];
	}
}
