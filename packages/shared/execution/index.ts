export { errorJson } from './errorItem';
export { dispatch, type NodeRouting, type OperationTable } from './dispatch';
export { runItems, type OutputMode, type RunItemsOptions } from './itemRunner';
export {
	localOperation,
	type ItemOperation,
	type OperationResult,
	type PreparedItem,
	type PreviewedRequest,
	type RunPreparation,
	type RunTally,
} from './operation';
export { readRunSettings, readTimeoutMs, type RunSettings } from './settings';
export { previewItems } from './preview';
