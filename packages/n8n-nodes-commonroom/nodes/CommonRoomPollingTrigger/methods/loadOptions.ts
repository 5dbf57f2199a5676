import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { pageOf, v2Get } from '../../CommonRoom/transport/v2';

/** Activity types (v2 `GET /activity-types`, not paged): the `id` is what activities carry as `type`. */
export async function getActivityTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await v2Get(this, '/activity-types', undefined);
	return pageOf(body)
		.records.flatMap((type) => {
			const id = typeof type.id === 'string' ? type.id : undefined;
			if (!id) return [];
			const displayName = typeof type.displayName === 'string' && type.displayName.trim() !== '' ? type.displayName : id;
			return [{ name: displayName, value: id, description: id }];
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
