import { listOperation } from '../listOperation';

/** GET /segments: one item per segment ({ id, name }). */
export const { description, operation } = listOperation({ resource: 'segment', path: '/segments' });
