/**
 * The two services' transport descriptions by name, as tests pick them: each package defines its
 * own (nodes/<Service>/transport/service.ts), and the shared transport takes the description.
 */
import { COMMON_ROOM } from '../packages/n8n-nodes-commonroom/nodes/CommonRoom/transport/service';
import { TEAM_COMMON_GROUND } from '../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/transport/service';

export const SERVICES = { commonRoom: COMMON_ROOM, teamCommonGround: TEAM_COMMON_GROUND };
export type ServiceName = keyof typeof SERVICES;
