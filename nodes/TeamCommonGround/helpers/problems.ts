/**
 * What the pure helpers report instead of throwing: the field (as the user sees it in the node),
 * what is wrong, and how to fix it. Operations turn the first problem into a NodeOperationError
 * naming the item, before any request is sent.
 */
export interface Problem {
	field: string;
	problem: string;
	fix?: string;
}
