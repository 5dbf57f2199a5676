import type { IDataObject } from 'n8n-workflow';

/**
 * Whether a tag may be put on `entityType` ('member', 'activity', 'company'). The API requires
 * entity types when a tag is created, but a tag listed without them (an older tag, or a field
 * the API left out) is not known to be restricted: it is kept, and Common Room judges the
 * assignment. The Tag dropdowns and Tag > Get Many's "Applies To" filter both use this rule.
 */
export function tagAppliesTo(tag: IDataObject, entityType: string): boolean {
	return !Array.isArray(tag.entityTypes) || (tag.entityTypes as unknown[]).includes(entityType);
}
