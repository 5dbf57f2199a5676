// Tags (Common Room calls them "labels" in the list response).
// v1 spec: paths./tags (POST returns the existing tag when one matches), paths./tags/{id}
// (POST updates and undeletes, DELETE deletes), components/schemas/ApiTag.
import type { CommonRoomSeed } from '../seed';
import type { ApiTagAssignment, ApiTagCreate, ApiTagUpdate } from './schemas';

export type TagEntityType = 'member' | 'activity' | 'company';

export interface ApiTag {
	id: string;
	name: string;
	description: string | null;
	/**
	 * Required when a tag is created; a seeded tag may lack it (an older tag as a workspace can
	 * hold one: README "Choices"), and is then listed without it and assignable to anything.
	 */
	entityTypes?: TagEntityType[];
	createdAt: string;
	deletedAt: string | null;
}

export class TagStore {
	private readonly tags = new Map<string, ApiTag>();
	private nextId = 1;

	constructor(seedTags: CommonRoomSeed['tags'], nowIso: string) {
		for (const tag of seedTags) {
			this.tags.set(tag.id, {
				id: tag.id,
				name: tag.name,
				description: tag.description ?? null,
				...(tag.entityTypes ? { entityTypes: [...tag.entityTypes] } : {}),
				createdAt: tag.createdAt ?? nowIso,
				deletedAt: tag.deletedAt ?? null,
			});
			const numeric = Number(tag.id);
			if (Number.isInteger(numeric) && numeric >= this.nextId) this.nextId = numeric + 1;
		}
		if (this.nextId < 9001) this.nextId = 9001;
	}

	all(): ApiTag[] {
		return [...this.tags.values()];
	}

	live(): ApiTag[] {
		return this.all().filter((tag) => tag.deletedAt === null);
	}

	get(id: string): ApiTag | undefined {
		return this.tags.get(id);
	}

	/** Case-insensitive name match among non-deleted tags (README "Choices", tags). */
	findByName(name: string): ApiTag | undefined {
		const wanted = name.trim().toLowerCase();
		return this.live().find((tag) => tag.name.trim().toLowerCase() === wanted);
	}

	/** POST /tags: the existing live tag with that name, or a new one. */
	createOrGet(input: ApiTagCreate): { tag: ApiTag; created: boolean } {
		const existing = this.findByName(input.name);
		if (existing) return { tag: existing, created: false };
		return { tag: this.create(input.name, input.description ?? null, input.entityTypes), created: true };
	}

	/** POST /tags/{id}: update name/description; a deleted tag is undeleted. */
	update(id: string, input: ApiTagUpdate): ApiTag | undefined {
		const tag = this.tags.get(id);
		if (!tag) return undefined;
		tag.name = input.name;
		if (input.description !== undefined) tag.description = input.description;
		tag.deletedAt = null;
		return tag;
	}

	/** DELETE /tags/{id}: marks deleted (idempotent; the first deletedAt is kept). */
	delete(id: string, nowIso: string): ApiTag | undefined {
		const tag = this.tags.get(id);
		if (tag && tag.deletedAt === null) tag.deletedAt = nowIso;
		return tag;
	}

	/** Problems with tag assignments for `entityType` (by id: must exist, be live and allow the entity). */
	check(assignments: ApiTagAssignment[] | undefined, entityType: TagEntityType, where: string): string[] {
		const problems: string[] = [];
		(assignments ?? []).forEach((assignment, index) => {
			if (assignment.type !== 'id') return;
			const tag = this.tags.get(assignment.id);
			if (!tag || tag.deletedAt !== null) problems.push(`${where}.${index}.id: tag ${assignment.id} not found`);
			else if (tag.entityTypes && !tag.entityTypes.includes(entityType)) {
				problems.push(`${where}.${index}.id: tag ${assignment.id} (${tag.name}) cannot be assigned to ${entityType === 'activity' ? 'an' : 'a'} ${entityType}`);
			}
		});
		return problems;
	}

	/** Resolves checked assignments to tags, creating missing by-name tags (v1 spec: ApiTagAssignmentByName). */
	resolve(assignments: ApiTagAssignment[] | undefined, entityType: TagEntityType, nowIso: string): ApiTag[] {
		return (assignments ?? []).map((assignment) => {
			if (assignment.type === 'id') return this.tags.get(assignment.id) as ApiTag;
			const existing = this.findByName(assignment.name);
			if (!existing) return this.create(assignment.name, null, [entityType], nowIso);
			if (existing.entityTypes && !existing.entityTypes.includes(entityType)) existing.entityTypes.push(entityType);
			return existing;
		});
	}

	private create(name: string, description: string | null, entityTypes: TagEntityType[], nowIso = new Date().toISOString()): ApiTag {
		const tag: ApiTag = { id: String(this.nextId++), name, description, entityTypes: [...entityTypes], createdAt: nowIso, deletedAt: null };
		this.tags.set(tag.id, tag);
		return tag;
	}
}
