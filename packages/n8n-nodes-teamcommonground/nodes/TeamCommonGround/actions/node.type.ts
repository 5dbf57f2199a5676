/** Resource → operation names, so the router's dispatch table type-checks. */
export type TeamCommonGroundMap = {
	activity: 'create' | 'createReply';
	task: 'createTask' | 'createFollowUp';
	visibility: 'buildList';
	embed: 'buildPopupUrl' | 'domainVerificationValues';
	createdKeys: 'forget' | 'forgetAll';
};

export type TeamCommonGroundResource = keyof TeamCommonGroundMap;

/** Resources that call the API (and so need the credential); the others build values locally. */
export const API_RESOURCES: TeamCommonGroundResource[] = ['activity', 'task'];
