export { errorJson } from './errorItem';
export { runItems, type OutputMode, type RunItemsOptions } from './itemRunner';
export { localOperation, type ItemOperation, type OperationResult } from './operation';
