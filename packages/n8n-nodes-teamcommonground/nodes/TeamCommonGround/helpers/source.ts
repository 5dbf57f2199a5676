import { quote, type Problem } from '../../shared/parameters';
import { SOURCE_PATTERN } from './constants';

/**
 * A valid source slug close to what the user typed: "My CRM" → "my-crm", "Acmé Shop!" →
 * "acme-shop". Undefined when nothing usable is left (for example "!!!").
 */
export function suggestSourceSlug(value: string): string | undefined {
	const slug = value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9_-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-_]+|[-_]+$/g, '')
		.slice(0, 50)
		.replace(/[-_]+$/, '');
	return slug === '' ? undefined : slug;
}

/** The source as it will be sent, or a problem saying how to fix it. */
export function checkSource(value: string): Problem | undefined {
	if (SOURCE_PATTERN.test(value)) return undefined;
	const suggestion = suggestSourceSlug(value);
	const reason =
		value.length > 50
			? `is ${value.length} characters long; the limit is 50`
			: 'may contain only lowercase letters, digits, hyphens and underscores';
	return {
		field: 'Source',
		problem: `${quote(value)} ${reason}`,
		fix: suggestion
			? `Use "${suggestion}" instead (Team Common Ground sources are lowercase slugs such as "my-crm" or "shopify").`
			: 'Use a lowercase slug such as "my-crm" or "shopify".',
	};
}
