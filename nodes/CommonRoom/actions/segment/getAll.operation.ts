import { listOperation } from '../common';

/** GET /segments: one item per segment ({ id, name }). */
export const { description, prepare, execute } = listOperation({ resource: 'segment', path: '/segments' });
