// Generated from packages/shared/execution/errorItem.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IDataObject } from 'n8n-workflow';

/** The error item n8n users expect under Continue On Fail: `error` plus what to do about it. */
export function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const { description, httpCode } = error as Error & {
		description?: string | null;
		httpCode?: string | null;
	};
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return json;
}
