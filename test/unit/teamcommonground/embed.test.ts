/**
 * The embed builders against the document's examples ("Embed Integration"): the URL structure,
 * the three buttons, the JavaScript helper, and the domain verification values.
 */
import {
	buildButtonHtml,
	buildJavaScriptHelper,
	buildPopup,
	buildPopupUrl,
	jsString,
} from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/embed';
import { buildDomainVerification, normalizeDomain } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/domainVerification';

/** The document's JavaScript helper, run as written (window.open captured). */
function documentHelperUrl(
	businessId: string,
	activityType: string,
	options: { message?: string; invite?: boolean; returnUrl?: string } = {},
): string {
	const baseUrl = 'https://www.teamcommonground.com/embed/activity';
	const params = new URLSearchParams({ bid: businessId, type: activityType });
	if (options.message) params.set('message', options.message);
	if (options.invite) params.set('invite', 'true');
	if (options.returnUrl) params.set('return', options.returnUrl);
	return `${baseUrl}?${params.toString()}`;
}

/** What the browser hands the onclick script: the attribute with HTML entities decoded. */
function decodeHtml(html: string): string {
	return html
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

const DOC_BASIC_BUTTON = `<button onclick="window.open(
'https://www.teamcommonground.com/embed/activity?bid=YOUR_BUSINESS_ID&type=report_issue_created',
'tcg-activity',
'width=480,height=640'
)">
Report Issue
</button>`;

const DOC_FEEDBACK_BUTTON = `<button onclick="window.open(
'https://www.teamcommonground.com/embed/activity?bid=YOUR_BUSINESS_ID&type=feedback_created&message=I%20noticed%20an%20issue%20with...',
'tcg-activity',
'width=480,height=640'
)">
Send Feedback
</button>`;

const DOC_INVITE_BUTTON = `<button onclick="window.open(
'https://www.teamcommonground.com/embed/activity?bid=YOUR_BUSINESS_ID&type=report_issue_created&invite=true',
'tcg-activity',
'width=480,height=640'
)">
Report Bug
</button>`;

describe('buildPopupUrl', () => {
	it('matches the document\'s basic URL', () => {
		expect(buildPopupUrl({ businessId: 'YOUR_BUSINESS_ID', type: 'report_issue_created' })).toBe(
			'https://www.teamcommonground.com/embed/activity?bid=YOUR_BUSINESS_ID&type=report_issue_created',
		);
	});

	it('matches the document\'s literal pre-filled message: spaces as %20', () => {
		expect(
			buildPopupUrl({ businessId: 'YOUR_BUSINESS_ID', type: 'feedback_created', message: 'I noticed an issue with...' }),
		).toBe(
			'https://www.teamcommonground.com/embed/activity?bid=YOUR_BUSINESS_ID&type=feedback_created&message=I%20noticed%20an%20issue%20with...',
		);
	});

	it('matches the document\'s auto-invite URL', () => {
		expect(buildPopupUrl({ businessId: 'YOUR_BUSINESS_ID', type: 'report_issue_created', invite: true })).toBe(
			'https://www.teamcommonground.com/embed/activity?bid=YOUR_BUSINESS_ID&type=report_issue_created&invite=true',
		);
	});

	it.each([
		['Found a bug...', undefined],
		['Price: 5 + 3 = 8 & 100% "sure" <ok> #1 ü/?', 'https://example.com/thanks?a=1&b=two words#done'],
		['line one\nline two', 'https://example.com/ö'],
	])('decodes to exactly what the document helper sends (message %p)', (message, returnUrl) => {
		const ours = buildPopupUrl({ businessId: 'biz 42', type: 'report_issue_created', message, invite: true, returnUrl });
		const theirs = documentHelperUrl('biz 42', 'report_issue_created', { message, invite: true, returnUrl });
		// Same parameters, same order, same values under URLSearchParams (what the helper uses)...
		expect([...new URL(ours).searchParams]).toEqual([...new URL(theirs).searchParams]);
		// ...and the same string except that a space is %20 instead of + (a literal + is %2B in both).
		expect(ours).toBe(theirs.replace(/\+/g, '%20'));
		expect(ours).not.toContain('+');
		// decodeURIComponent-style readers get the same values too (they would not decode +).
		const query = ours.split('?')[1];
		const decoded = Object.fromEntries(query.split('&').map((pair) => pair.split('=').map(decodeURIComponent)));
		expect(decoded.message).toBe(message);
		if (returnUrl) expect(decoded.return).toBe(returnUrl);
	});

	it('the document\'s helper usage examples', () => {
		expect(buildPopupUrl({ businessId: 'YOUR_BUSINESS_ID', type: 'report_issue_created', message: 'Found a bug...' })).toBe(
			documentHelperUrl('YOUR_BUSINESS_ID', 'report_issue_created', { message: 'Found a bug...' }).replace(/\+/g, '%20'),
		);
		expect(buildPopupUrl({ businessId: 'YOUR_BUSINESS_ID', type: 'feedback_created', invite: true })).toBe(
			documentHelperUrl('YOUR_BUSINESS_ID', 'feedback_created', { invite: true }),
		);
	});
});

describe('buildButtonHtml', () => {
	it.each([
		[DOC_BASIC_BUTTON, { businessId: 'YOUR_BUSINESS_ID', type: 'report_issue_created' }],
		[DOC_FEEDBACK_BUTTON, { businessId: 'YOUR_BUSINESS_ID', type: 'feedback_created', message: 'I noticed an issue with...' }],
		[DOC_INVITE_BUTTON, { businessId: 'YOUR_BUSINESS_ID', type: 'report_issue_created', invite: true, buttonLabel: 'Report Bug' }],
	])('is the document\'s button once the browser decodes it (%#)', (documented, choices) => {
		const popup = buildPopup(choices);
		if (!popup.ok) throw new Error('unexpected problems');
		expect(popup.html).toContain('&amp;type=');
		expect(decodeHtml(popup.html)).toBe(documented);
	});

	it('escapes the label', () => {
		expect(buildButtonHtml('https://x.test/?a=1', '<b>"Hi" & bye</b>')).toContain('&lt;b&gt;&quot;Hi&quot; &amp; bye&lt;/b&gt;');
	});
});

describe('buildJavaScriptHelper', () => {
	it('is the document helper with the business ID, and a usage line', () => {
		const js = buildJavaScriptHelper({
			businessId: 'YOUR_BUSINESS_ID',
			type: 'report_issue_created',
			message: 'Found a bug...',
		});
		expect(js).toContain("bid: 'YOUR_BUSINESS_ID',");
		expect(js).toContain("params.set('message', options.message);");
		expect(js).toContain("'tcg-activity',");
		expect(js.trim().endsWith("openTCGPopup('report_issue_created', { message: 'Found a bug...' });")).toBe(true);
	});

	it('opens the same URL as buildPopupUrl (up to + vs %20) when run', () => {
		const choices = { businessId: "o'brien", type: 'feedback_created', message: "It's <b>broken</b>\n", invite: true, returnUrl: 'https://e.com/a b' };
		let opened = '';
		const run = new Function('window', 'URLSearchParams', `${buildJavaScriptHelper(choices)}`);
		run({ open: (url: string) => (opened = url) }, URLSearchParams);
		expect(opened.replace(/\+/g, '%20')).toBe(buildPopupUrl(choices));
	});

	it('quotes strings safely', () => {
		expect(jsString("a'b\\c</script>\n")).toBe("'a\\'b\\\\c\\x3C/script>\\n'");
	});
});

describe('buildPopup checks', () => {
	it.each([
		[{ businessId: '', type: 'note' }, 'Business ID'],
		[{ businessId: 'b1', type: 'message' }, 'Type'],
		[{ businessId: 'b1', type: 'note', returnUrl: 'javascript:alert(1)' }, 'Return URL'],
	])('%p fails on %s', (choices, field) => {
		const popup = buildPopup(choices);
		expect(popup.ok).toBe(false);
		if (!popup.ok) expect(popup.problems[0].field).toBe(field);
	});
});

describe('buildDomainVerification', () => {
	it('gives the document\'s file and DNS values', () => {
		const result = buildDomainVerification('www.example.com', 'your_verification_key_here');
		if (!result.ok) throw new Error('unexpected problems');
		expect(result.values).toEqual({
			domain: 'www.example.com',
			file: {
				path: '/.well-known/teamcommonground.json',
				url: 'https://www.example.com/.well-known/teamcommonground.json',
				content: { verification: { key: 'your_verification_key_here' } },
				contentText: '{\n  "verification": {\n    "key": "your_verification_key_here"\n  }\n}\n',
			},
			dns: {
				type: 'TXT',
				name: '_teamcommonground-verify',
				fullName: '_teamcommonground-verify.www.example.com',
				value: 'teamcommonground-verify=your_verification_key_here',
			},
		});
	});

	it.each([
		['https://WWW.Example.com/contact?x=1', 'www.example.com'],
		['example.com.', 'example.com'],
		['shop.example.co.uk:8443/path', 'shop.example.co.uk'],
		['not a domain', undefined],
		['localhost', undefined],
	])('normalises %p', (input, expected) => expect(normalizeDomain(input)).toBe(expected));

	it('rejects a bad domain and an empty key', () => {
		const result = buildDomainVerification('exa mple', ' ');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems.map((p) => p.field)).toEqual(['Domain', 'Verification Key']);
	});
});
