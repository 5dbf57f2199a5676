import { listOperation } from '../listOperation';

/** GET /activityTypes: one item per type ({ id, displayName }). */
export const { description, operation } = listOperation({ resource: 'activityType', path: '/activityTypes' });
