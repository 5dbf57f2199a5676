import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { describeCustomField, type CustomFieldDefinition } from '../helpers/customFields';
import { isNumericId } from '../../shared/parameters';
import { tagAppliesTo } from '../helpers/tags';
import { loadList, loadTags, pathSegment } from '../transport';
import { currentId } from './current';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** GET /activityTypes → "Signed up" (signed_up). */
export async function getActivityTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await loadList(this, '/activityTypes'))
		.filter((type) => typeof type.id === 'string')
		.map((type) => ({
			name: String(type.displayName ?? type.id),
			value: type.id as string,
			description: `ID: ${type.id as string}`,
		}))
		.sort(byName);
}

/**
 * GET /members/customFields, narrowed to the fields the node's Destination Source ID may write
 * when one is set (the API's `destinationSourceId` filter). Value: the field's id.
 */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const sourceId = currentId(this, 'destinationSourceId');
	const qs = isNumericId(sourceId) ? { destinationSourceId: sourceId } : undefined;
	return (await loadList(this, '/members/customFields', qs))
		.filter((field) => typeof field.id === 'number' && typeof field.name === 'string')
		.map((field) => ({
			name: field.name as string,
			value: String(field.id),
			description: describeCustomField(field as unknown as CustomFieldDefinition),
		}))
		.sort(byName);
}

/** GET /segments. */
export async function getSegments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await loadList(this, '/segments'))
		.filter((segment) => segment.id !== undefined)
		.map((segment) => ({ name: String(segment.name ?? segment.id), value: String(segment.id) }))
		.sort(byName);
}

/** GET /segments/{id}/status for the chosen segment, after a "No Status" entry. */
export async function getSegmentStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const segmentId = currentId(this, 'segmentId');
	const none: INodePropertyOptions = { name: 'No Status', value: '' };
	if (!isNumericId(segmentId)) return [none];
	const statuses = (await loadList(this, `/segments/${pathSegment(segmentId)}/status`))
		.filter((status) => status.id !== undefined)
		.map((status) => ({ name: String(status.name ?? status.id), value: String(status.id) }));
	return [none, ...statuses];
}

function tagOptions(tags: IDataObject[], entityType: string): INodePropertyOptions[] {
	return tags
		.filter((tag) => tagAppliesTo(tag, entityType))
		.map((tag) => ({ name: String(tag.name ?? tag.id), value: String(tag.id) }))
		.sort(byName);
}

/** GET /tags, the tags that may be put on contacts. */
export async function getContactTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return tagOptions(await loadTags(this), 'member');
}

/** GET /tags, the tags that may be put on activities. */
export async function getActivityTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return tagOptions(await loadTags(this), 'activity');
}
