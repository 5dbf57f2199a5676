import { taskOperation } from './taskOperation';

/** A `follow_up_created` activity (client follow-up) with an optional due date. */
export const { description, operation } = taskOperation({
	operation: 'createFollowUp',
	type: 'follow_up_created',
	label: 'Follow-Up',
	placeholder: 'Call back about the renewal',
});
