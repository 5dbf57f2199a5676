import { DateTime } from 'luxon';

import { toIsoDateTime } from '../../shared/validation';

/** A date and time without a zone, as n8n's date picker produces: "2024-02-15T10:00:00". */
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/**
 * `dueAt` as ISO 8601 in UTC from any date n8n hands in. A date and time without a zone (the
 * date picker's output) is read in the workflow's timezone, as n8n shows it to the user; a bare
 * date ("2024-02-15") stays that calendar day at 00:00 UTC, so with Has Time off the day is
 * never shifted; everything else (zoned strings, epoch ms, Date, Luxon DateTime) is converted
 * as is. Undefined when the value is not a real date.
 */
export function toDueAt(value: unknown, timezone: string): string | undefined {
	if (typeof value === 'string' && ZONELESS_DATE_TIME.test(value.trim())) {
		const local = DateTime.fromISO(value.trim().replace(' ', 'T'), { zone: timezone });
		if (!local.isValid) return undefined;
		return local.toUTC().toISO() ?? undefined;
	}
	return toIsoDateTime(value);
}
