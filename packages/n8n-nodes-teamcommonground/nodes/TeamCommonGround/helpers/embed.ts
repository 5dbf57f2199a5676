import { isHttpUrl, quote, type Problem } from '../../shared/parameters';
import {
	EMBED_ACTIVITY_TYPES,
	EMBED_BASE_URL,
	EMBED_WINDOW_FEATURES,
	EMBED_WINDOW_NAME,
} from './constants';

export interface PopupChoices {
	businessId: string;
	type: string;
	message?: string;
	invite?: boolean;
	returnUrl?: string;
	/** The button's text; defaults to the type's usual label. */
	buttonLabel?: string;
}

export interface Popup {
	url: string;
	html: string;
	javascript: string;
}

export type PopupResult = ({ ok: true } & Popup) | { ok: false; problems: Problem[] };

const EMBED_TYPES: readonly string[] = EMBED_ACTIVITY_TYPES.map((type) => type.value);

const DEFAULT_LABELS: Record<string, string> = {
	report_issue_created: 'Report Issue',
	feedback_created: 'Send Feedback',
	note: 'Add Note',
};

/**
 * The popup URL with the document's parameters in its order (bid, type, message, invite,
 * return). Values are encoded as `URLSearchParams` encodes them (the document's JavaScript
 * helper), except that a space is written `%20` rather than `+`: `%20` is what the document's
 * literal example shows (`message=I%20noticed%20an%20issue%20with...`), and it decodes to a
 * space under every reader (URLSearchParams and decodeURIComponent alike), whereas `+` is a
 * space only to form-style readers. A literal `+` in a value is `%2B` either way, so the swap is
 * lossless and `new URL(url).searchParams` gives back exactly the helper's values.
 */
export function buildPopupUrl(choices: PopupChoices): string {
	const params = new URLSearchParams({ bid: choices.businessId, type: choices.type });
	if (choices.message) params.set('message', choices.message);
	if (choices.invite) params.set('invite', 'true');
	if (choices.returnUrl) params.set('return', choices.returnUrl);
	return `${EMBED_BASE_URL}?${params.toString().replace(/\+/g, '%20')}`;
}

export function checkPopupChoices(choices: PopupChoices): Problem[] {
	const problems: Problem[] = [];
	if (choices.businessId.trim() === '') {
		problems.push({
			field: 'Business ID',
			problem: 'is required',
			fix: 'Copy it from your Team Common Ground integration settings.',
		});
	} else if (/\s/.test(choices.businessId.trim())) {
		problems.push({ field: 'Business ID', problem: `${quote(choices.businessId)} contains spaces` });
	}
	if (!EMBED_TYPES.includes(choices.type)) {
		problems.push({
			field: 'Type',
			problem: `${quote(choices.type)} is not an embed activity type`,
			fix: `Use one of ${EMBED_TYPES.join(', ')}.`,
		});
	}
	if (choices.returnUrl && !isHttpUrl(choices.returnUrl)) {
		problems.push({
			field: 'Return URL',
			problem: `${quote(choices.returnUrl)} is not an http(s) URL`,
			fix: 'Give the full address of the page to return to, starting with https://.',
		});
	}
	return problems;
}

/** URL, ready-to-paste HTML button and the document's JavaScript helper for the choices. */
export function buildPopup(input: PopupChoices): PopupResult {
	const choices: PopupChoices = {
		...input,
		businessId: input.businessId.trim(),
		returnUrl: input.returnUrl?.trim() || undefined,
	};
	const problems = checkPopupChoices(choices);
	if (problems.length > 0) return { ok: false, problems };
	const url = buildPopupUrl(choices);
	const label = choices.buttonLabel?.trim() || DEFAULT_LABELS[choices.type] || 'Open';
	return {
		ok: true,
		url,
		html: buildButtonHtml(url, label),
		javascript: buildJavaScriptHelper(choices),
	};
}

/**
 * The document's "Basic Button", for this URL. The URL sits in a single-quoted JavaScript
 * string inside a double-quoted attribute: it holds no quotes (the encoding above escapes
 * them), and `&` is written `&amp;` as HTML requires; the browser hands the script the same
 * URL as the document's snippet.
 */
export function buildButtonHtml(url: string, label: string): string {
	return [
		'<button onclick="window.open(',
		`'${escapeHtml(url)}',`,
		`'${EMBED_WINDOW_NAME}',`,
		`'${EMBED_WINDOW_FEATURES}'`,
		')">',
		escapeHtml(label),
		'</button>',
	].join('\n');
}

/**
 * The document's `openTCGPopup` helper with the business ID filled in, followed by one call for
 * these choices. It is the document's code unchanged (URLSearchParams, so spaces travel as `+`,
 * which the popup reads the same as `%20`).
 */
export function buildJavaScriptHelper(choices: PopupChoices): string {
	const options: string[] = [];
	if (choices.message) options.push(`message: ${jsString(choices.message)}`);
	if (choices.invite) options.push('invite: true');
	if (choices.returnUrl) options.push(`returnUrl: ${jsString(choices.returnUrl)}`);
	const call = `openTCGPopup(${jsString(choices.type)}${options.length ? `, { ${options.join(', ')} }` : ''});`;
	return [
		'function openTCGPopup(activityType, options = {}) {',
		"  const baseUrl = 'https://www.teamcommonground.com/embed/activity';",
		'  const params = new URLSearchParams({',
		`    bid: ${jsString(choices.businessId)},`,
		'    type: activityType,',
		'  });',
		'  if (options.message) {',
		"    params.set('message', options.message);",
		'  }',
		'  if (options.invite) {',
		"    params.set('invite', 'true');",
		'  }',
		'  if (options.returnUrl) {',
		"    params.set('return', options.returnUrl);",
		'  }',
		'  window.open(',
		'    `${baseUrl}?${params.toString()}`,',
		`    '${EMBED_WINDOW_NAME}',`,
		`    '${EMBED_WINDOW_FEATURES}'`,
		'  );',
		'}',
		'',
		'// Usage',
		call,
	].join('\n');
}

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** A single-quoted JavaScript string literal, safe inside a <script> element. */
export function jsString(text: string): string {
	const escaped = text
		.replace(/\\/g, '\\\\')
		.replace(/'/g, "\\'")
		.replace(/\r/g, '\\r')
		.replace(/\n/g, '\\n')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029')
		.replace(/</g, '\\x3C');
	return `'${escaped}'`;
}
