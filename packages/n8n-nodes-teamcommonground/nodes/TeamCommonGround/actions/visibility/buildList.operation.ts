import { updateDisplayOptions } from 'n8n-workflow';

import { localOperation } from '../../../shared/execution';
import { throwProblems } from '../../../shared/parameters';
import { buildVisibility } from '../../helpers/visibility';
import { readVisibilityChoices, visibilityChoiceFields } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['visibility'], operation: ['buildList'] } },
	visibilityChoiceFields,
);

/**
 * No request: the exact `visibility` array for the choices (the same builder the create
 * operations send), with a plain summary and any adjustment the document's rules made.
 */
export const operation = localOperation((ctx, itemIndex) => {
	const result = buildVisibility(readVisibilityChoices(ctx, itemIndex));
	if (!result.ok) throwProblems(ctx, itemIndex, result.problems);
	return { visibility: result.visibility, summary: result.summary, notes: result.notes };
});
