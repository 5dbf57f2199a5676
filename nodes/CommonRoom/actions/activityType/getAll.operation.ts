import { listOperation } from '../common';

/** GET /activityTypes: one item per type ({ id, displayName }). */
export const { description, prepare, execute } = listOperation({ resource: 'activityType', path: '/activityTypes' });
