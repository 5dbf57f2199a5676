/**
 * Which records a poll emits, record by record as the pages arrive, without HTTP (unit-tested on
 * their own). Ids are compared as numbers (ids.ts); a record whose id cannot be read is left out,
 * since it cannot be placed before or after the mark.
 */
import type { IDataObject } from 'n8n-workflow';

import { compareDigits, idDigits, type IdKind } from './ids';

export type Matcher = (record: IDataObject) => boolean;

export interface Selection {
	/** Oldest first. */
	emitted: IDataObject[];
	/** The new mark: digits of the highest id passed. */
	mark: string;
}

/**
 * Newest first (sort=id, direction=desc), down to the mark: holds only the oldest `max` matching
 * records seen, so a big backlog costs pages, not memory. When more than `max` match, the mark
 * stops at the newest one emitted: the others (and whatever did not match above it) are read
 * again next poll.
 */
export class NewestFirst {
	private held: IDataObject[] = [];
	private matched = 0;
	private top: string | undefined;

	constructor(
		private readonly kind: IdKind,
		private readonly mark: string,
		private readonly max: number,
		private readonly matches: Matcher,
	) {}

	/** False once the record is at or below the mark: everything after it is too. */
	take(record: IDataObject): boolean {
		const id = idDigits(record.id, this.kind);
		if (id === undefined) return true;
		if (compareDigits(id, this.mark) <= 0) return false;
		if (this.top === undefined || compareDigits(id, this.top) > 0) this.top = id;
		if (!this.matches(record)) return true;
		this.matched += 1;
		this.held.push(record);
		// Dropped in batches: the newest of what is held go, the oldest `max` stay.
		if (this.held.length >= 2 * this.max) this.held = this.held.slice(this.held.length - this.max);
		return true;
	}

	result(): Selection {
		const emitted = this.held.slice(Math.max(0, this.held.length - this.max)).reverse();
		if (this.matched > this.max) {
			return { emitted, mark: idDigits(emitted[emitted.length - 1].id, this.kind) as string };
		}
		return { emitted, mark: this.top ?? this.mark };
	}
}

/**
 * Oldest first (sort=id, direction=asc), from a stored cursor: skips what is at or below the mark,
 * emits up to `max` matching records and moves the mark over everything passed.
 */
export class OldestFirst {
	private readonly emitted: IDataObject[] = [];
	private mark: string;

	constructor(
		private readonly kind: IdKind,
		mark: string,
		private readonly max: number,
		private readonly matches: Matcher,
	) {
		this.mark = mark;
	}

	/** False when the record would be one too many: the poll stops before it, and it comes next poll. */
	take(record: IDataObject): boolean {
		const id = idDigits(record.id, this.kind);
		if (id === undefined || compareDigits(id, this.mark) <= 0) return true;
		if (this.matches(record)) {
			if (this.emitted.length >= this.max) return false;
			this.emitted.push(record);
		}
		this.mark = id;
		return true;
	}

	result(): Selection {
		return { emitted: [...this.emitted], mark: this.mark };
	}
}

/**
 * "Contacts Joining the Segment": every contact of the segment, in id order, against the ids kept
 * at the last poll. Emits the first `max` that were not there (the lowest ids); the ids kept next
 * are the members now that were known or were emitted, so a joiner left out by `max` is new
 * again next poll, and one who left and comes back is new again.
 */
export class SegmentJoins {
	private readonly current: string[] = [];
	private readonly joiners: IDataObject[] = [];
	private readonly emittedIds = new Set<string>();
	joined = 0;

	constructor(
		private readonly known: ReadonlySet<string>,
		private readonly max: number,
	) {}

	/** The number of members read so far. */
	get size(): number {
		return this.current.length;
	}

	take(record: IDataObject): void {
		const id = idDigits(record.id, 'contact');
		if (id === undefined) return;
		this.current.push(id);
		if (this.known.has(id)) return;
		this.joined += 1;
		if (this.joiners.length < this.max) {
			this.joiners.push(record);
			this.emittedIds.add(id);
		}
	}

	result(): { emitted: IDataObject[]; members: string[] } {
		const members = [...new Set(this.current.filter((id) => this.known.has(id) || this.emittedIds.has(id)))];
		const emitted = [...this.joiners].sort((a, b) =>
			compareDigits(idDigits(a.id, 'contact') as string, idDigits(b.id, 'contact') as string),
		);
		return { emitted, members };
	}

	/** Every member id read (for a first poll that records the segment without emitting). */
	all(): string[] {
		return [...new Set(this.current)];
	}
}
