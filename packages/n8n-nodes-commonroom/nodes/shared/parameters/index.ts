// Generated from packages/shared/parameters/index.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * Reading parameters, for both nodes: every reader takes (ctx, itemIndex, value, field, rule?)
 * and either returns the value as it will be sent or fails the item with a NodeOperationError
 * naming the item and the field, before any request. The pure `read…` / `is…` functions beside
 * them are what the helpers use to report problems as data.
 */
export { booleanParameter, readBoolean } from './boolean';
export { dateTimeParameter, readCalendarDay, readDate, type DateReading, type DateRefusal } from './date';
export { emailParameter, emailProblem, isApiEmail, normalizeEmail } from './email';
export { ID_LIST, LINK_LIST, textList, toStringList, type ListRule, type ListShape } from './list';
export {
	inexactIntegerProblem,
	isNumericId,
	LARGEST_EXACT_INTEGER,
	numberParameter,
	numericIdParameter,
	parseDecimal,
	type NumberRule,
	type NumericIdRule,
} from './number';
export { invalidInput, isEmpty, kindOf, problemsError, quote, shown, throwProblems, type Problem } from './problems';
export { messageParameter, readText, requiredTextParameter, textParameter, toJsonObject } from './text';
export { isHttpUrl, urlParameter } from './url';
