import { taskOperation } from './taskOperation';

/** A `task_created` activity with an optional due date. */
export const { description, operation } = taskOperation({
	operation: 'createTask',
	type: 'task_created',
	label: 'Task',
	placeholder: 'Review proposal draft',
});
