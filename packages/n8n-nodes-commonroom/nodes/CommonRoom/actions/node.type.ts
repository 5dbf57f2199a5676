import type { AllEntities } from 'n8n-workflow';

/** Resource → operation names, so the router's table type-checks against the description. */
type NodeMap = {
	contact: 'upsert' | 'create' | 'get' | 'getById' | 'getAll' | 'delete' | 'addToSegment';
	activity: 'create' | 'createReply' | 'getAll';
	activityType: 'getAll';
	customField: 'getAll';
	leadScore: 'getAll';
	organization: 'get' | 'getAll';
	segment: 'create' | 'getAll' | 'getStatuses';
	tag: 'create' | 'get' | 'getAll' | 'update' | 'delete';
	token: 'check';
};

export type CommonRoomType = AllEntities<NodeMap>;
export type CommonRoomResource = keyof NodeMap;
export type CommonRoomMap = NodeMap;
