// @ts-check
// Step 3 of the e2e run (run.mjs): Chromium on n8n's editor. Each node's parameter panel with
// its icon (docs/screenshots/), version 2's Contact Fields with a custom field added in Common
// Room while the panel is open, the AI Agent's tools, a run from the editor, and the trigger's
// "Listen for test event".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { step } from '../../scripts/lib/console.mjs';
import { emulatorAddCustomField, emulatorReset, emulatorState } from '../../scripts/lib/emulator.mjs';
import { NODE_TYPES, OWNER, PACKAGES, ROOT, TRIGGER_WORKFLOW, WEBHOOK_SECRET } from '../../scripts/lib/settings.mjs';
import { deliveriesSettled, deliveryLog, webhookControl } from '../../scripts/lib/webhooks.mjs';
import { check } from './runner.mjs';

/** @typedef {import('../../scripts/lib/workflows.mjs').Workflow} Workflow */
/** @typedef {import('playwright-core').Page} Page */

const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

/** @type {Array<[string, string, string, string[], [string, string]?]>} */
const PANELS = [
	// [screenshot, workflow id, node name, parameters that must be on the panel, [parameter, shown value]]
	['commonroom-contact-upsert.png', 'crtcgExample0001', 'Upsert contact', ['resource', 'operation', 'destinationSourceId']],
	['commonroom-activity-create.png', 'crtcgExample0001', 'Signed up activity', ['activityType', 'email', 'content'], ['activityType', 'Signed up']],
	['commonroom-activity-reply.png', 'crtcgExample0002', 'Reply in thread', ['parentActivityId', 'parentActivityType']],
	['teamcommonground-visibility-build-list.png', 'crtcgExample0003', 'Build Visibility List', ['visibilityTeamRoles', 'visibilityAllClients']],
	['teamcommonground-activity-create.png', 'crtcgExample0003', 'Create order activity', ['activityType', 'customType', 'clientEmail', 'visibilityMode']],
	['teamcommonground-activity-reply.png', 'crtcgExample0003', 'Reply in its thread', ['threadId', 'parentActivityId', 'visibilityMode']],
	['teamcommonground-task-create.png', 'crtcgExample0004', 'Create task', ['dueAt', 'clientPhone']],
	['teamcommonground-embed-popup-url.png', 'crtcgExample0005', 'Build Popup URL', ['businessId', 'embedType', 'returnUrl']],
	['teamcommonground-embed-domain-verification.png', 'crtcgExample0005', 'Domain Verification Values', ['domain', 'verificationKey']],
	['commonroom-tool.png', 'crtcgExample0006', 'Common Room', ['descriptionType', 'resource', 'email']],
	['teamcommonground-tool.png', 'crtcgExample0006', 'Team Common Ground', ['descriptionType', 'resource', 'message']],
];

/**
 * @param {typeof import('./browser.mjs')} browser
 * @param {{ n8n: { url: string }, workflows: Workflow[], emulator: { url: string }, logs: string }} context
 */
export async function editorChecks(browser, { n8n, workflows, emulator, logs }) {
	step('Browser: Debian Chromium + playwright-core on the editor');
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const { page, close } = await browser.launchBrowser();
	/** @type {string[]} */
	const errors = [];
	page.on('pageerror', (error) => errors.push(error.message));
	try {
		await check(`editor sign-in as ${OWNER.email} through the login form`, async () => {
			await browser.signIn(page, n8n.url, OWNER);
		});
		for (const [file, workflowId, nodeName, parameters, shown] of PANELS) {
			if (!workflows.some((w) => w.id === workflowId)) continue;
			await check(`editor: "${nodeName}" panel shows its parameters and icon → docs/screenshots/${file}`, async () => {
				if (!page.url().includes(`/workflow/${workflowId}`)) await browser.openWorkflow(page, n8n.url, workflowId);
				const ndv = await browser.openNode(page, nodeName);
				for (const name of parameters) {
					assert.ok(await ndv.locator(`[data-test-id="parameter-input-${name}"]`).count(), `parameter "${name}" is not on the panel`);
				}
				const icon = file.startsWith('commonroom') ? 'commonroom' : 'teamcommonground';
				const pkg = icon === 'commonroom' ? PACKAGES.commonRoom : PACKAGES.teamCommonGround;
				assert.ok(await browser.iconLoaded(ndv, `/icons/${pkg.name}/dist/icons/${icon}`), `the ${icon} icon did not load in the panel`);
				if (shown) {
					const [name, value] = shown;
					const input = ndv.locator(`[data-test-id="parameter-input-${name}"] input`).first();
					let text = '';
					for (let i = 0; i < 40 && text !== value; i++) {
						text = await input.inputValue();
						if (text !== value) await page.waitForTimeout(250);
					}
					assert.equal(text, value, `${name} shows "${text}" (its options load from the emulator through n8n)`);
				}
				await page.mouse.move(1, 1); // no hover effects in the picture
				await page.waitForTimeout(300);
				await ndv.screenshot({ path: path.join(SCREENSHOTS, file) });
				await browser.closeNode(page);
			});
		}
		if (workflows.some((w) => w.id === 'crtcgExample0001')) await contactFieldsCheck(browser, page, n8n, emulator);
		if (workflows.some((w) => w.id === 'crtcgExample0006')) {
			await check('editor: the AI Agent canvas shows both tools connected → docs/screenshots/ai-agent-tools.png', async () => {
				await browser.openWorkflow(page, n8n.url, 'crtcgExample0006');
				for (const type of [`${NODE_TYPES.commonRoom}Tool`, `${NODE_TYPES.teamCommonGround}Tool`]) {
					const node = page.locator(`[data-test-id="canvas-node"][data-node-type="${type}"]`);
					assert.equal(await node.count(), 1, `${type} is not on the canvas`);
					assert.ok(await browser.iconLoaded(node, `/icons/${type.split('.')[0]}/`), `${type} has no icon on the canvas`);
				}
				await page.screenshot({ path: path.join(SCREENSHOTS, 'ai-agent-tools.png') });
			});
			await check('editor: the Agent\'s tool picker offers "Common Room Tool" and "Team Common Ground Tool" → docs/screenshots/ai-agent-tool-picker.png', async () => {
				await page
					.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"] [data-test-id="canvas-handle-plus"]')
					.first()
					.click();
				const creator = page.locator('[data-test-id="node-creator"]');
				await creator.waitFor();
				await page.keyboard.type('Common');
				await page.waitForTimeout(800);
				const names = await creator.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
				assert.ok(names.some((n) => n.trim() === 'Common Room Tool'), `picker shows ${JSON.stringify(names)}`);
				assert.ok(names.some((n) => n.trim() === 'Team Common Ground Tool'), `picker shows ${JSON.stringify(names)}`);
				await page.screenshot({ path: path.join(SCREENSHOTS, 'ai-agent-tool-picker.png') });
				await page.keyboard.press('Escape');
			});
		}
		if (workflows.some((w) => w.id === 'crtcgExample0003')) {
			// The headless run (step 1) created this order today, so n8n remembers its Duplicate Key.
			await check('editor: "Execute workflow" on example 03 again the same day: the run succeeds, the order is skipped as a duplicate and no reply is sent → docs/screenshots/editor-run-order-workflow.png', async () => {
				await emulatorReset(emulator.url);
				const seeded = (await emulatorState(emulator.url)).teamCommonGround.activities.length;
				await browser.openWorkflow(page, n8n.url, 'crtcgExample0003');
				await page.locator('[data-test-id="execute-workflow-button"]').click();
				await browser.canvasNode(page, 'Created now?').locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 60000 });
				const stored = (await emulatorState(emulator.url)).teamCommonGround.activities.length;
				assert.equal(stored, seeded, `the repeated run stored ${stored - seeded} activities`);
				assert.equal(await browser.canvasNode(page, 'Reply in its thread').locator('[data-test-id="canvas-node-status-success"]').count(), 0, 'the reply node ran');
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-run-order-workflow.png') });
			});
		}
		if (workflows.some((w) => w.id === TRIGGER_WORKFLOW.id)) {
			await check('editor: "Listen for test event" on the Common Room Trigger receives Common Room\'s test payload → docs/screenshots/commonroom-trigger-test-event.png', async () => {
				await emulatorReset(emulator.url);
				await browser.openWorkflow(page, n8n.url, TRIGGER_WORKFLOW.id);
				const ndv = await browser.openNode(page, 'Common Room Trigger');
				const listen = page.locator('[data-test-id="node-execute-button"], [data-test-id="trigger-execute-button"]').or(page.getByRole('button', { name: /listen for test event/i }));
				await listen.first().click({ timeout: 15000 }).catch(async (error) => {
					await page.screenshot({ path: path.join(logs, 'listen-for-test-event.png') });
					throw error;
				});
				// As a user does in Common Room's Settings > Webhooks: the Test URL, the secret, "send test payload".
				const test = await webhookControl(emulator.url, 'POST', '', {
					url: `${n8n.url}/webhook-test/${TRIGGER_WORKFLOW.webhookId}/webhook`,
					secret: WEBHOOK_SECRET,
					name: 'n8n test URL',
				});
				let answered = false;
				for (let attempt = 0; attempt < 20 && !answered; attempt++) {
					await webhookControl(emulator.url, 'POST', `/${test.id}/test`, {});
					await deliveriesSettled(emulator.url);
					answered = (await deliveryLog(emulator.url)).some((d) => d.status === 200);
					if (!answered) await page.waitForTimeout(500);
				}
				assert.ok(answered, 'the test URL never answered 200');
				await ndv.getByText('sample.contact@example.com').first().waitFor({ timeout: 20000 });
				await page.mouse.move(1, 1);
				await page.waitForTimeout(500);
				await ndv.screenshot({ path: path.join(SCREENSHOTS, 'commonroom-trigger-test-event.png') });
				await browser.closeNode(page);
			});
		}
		await check('editor: no uncaught page errors', () => {
			assert.deepEqual(errors, []);
		});
	} finally {
		await close();
	}
}


/** The custom field a Common Room admin adds while the panel is open (no standard field's name). */
const NEW_FIELD = { name: 'Community Tier', type: 'enum', values: ['Bronze', 'Silver', 'Gold'] };

/**
 * Version 2's Contact Fields (n8n's resource mapper) in example 01: the standard fields and the
 * workspace's custom fields with their names; a field a Common Room admin adds while the panel
 * is open shows up after the mapper's "Refresh Field List". Then "Map Automatically", run from the
 * panel: the input's keys that match no field are on the output under "unmapped".
 * @param {typeof import('./browser.mjs')} browser
 * @param {Page} page
 * @param {{ url: string }} n8n
 * @param {{ url: string }} emulator
 */
async function contactFieldsCheck(browser, page, n8n, emulator) {
	await check(`editor: Contact Fields lists the standard and custom fields; "${NEW_FIELD.name}", added in Common Room, appears after "Refresh Field List" → docs/screenshots/commonroom-contact-fields.png`, async () => {
		await emulatorReset(emulator.url);
		await browser.openWorkflow(page, n8n.url, 'crtcgExample0001');
		const ndv = await browser.openNode(page, 'Upsert contact');
		const fields = ndv.locator('[data-test-id="mapping-fields-container"]');
		await fields.waitFor();
		for (const label of ['Full Name', 'Twitter Username', 'Plan', 'Signup date']) {
			await fields.getByText(label, { exact: true }).first().waitFor({ timeout: 15000 });
		}
		assert.equal(await fields.getByText(NEW_FIELD.name, { exact: true }).count(), 0, `${NEW_FIELD.name} is listed before it exists`);
		await emulatorAddCustomField(emulator.url, NEW_FIELD);
		await fields.hover();
		await fields.locator('[data-test-id="action-toggle"]').first().click();
		await page.locator('[data-test-id="action-refreshFieldList"]').first().click();
		const added = fields.getByText(NEW_FIELD.name, { exact: true }).first();
		await added.waitFor({ timeout: 15000 });
		await added.scrollIntoViewIfNeeded();
		await page.mouse.move(1, 1);
		await page.waitForTimeout(500);
		await ndv.screenshot({ path: path.join(SCREENSHOTS, 'commonroom-contact-fields.png') });
		// The refreshed list shows every field, the new one too: running it sends only what is mapped.
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		await ndv.getByText('upserted').first().waitFor({ timeout: 60000 });
		const ada = (await emulatorState(emulator.url)).commonRoom.contacts.find((c) => c.id === 'ada@example.com');
		assert.ok(ada, 'the run stored no contact');
		const sent = Object.values(/** @type {Record<string, { name: string }>} */ (ada.customFields ?? {})).map((field) => field.name).sort();
		assert.deepEqual(sent, ['Plan', 'Seats', 'Signup date'], 'the custom fields sent for Ada (only the three mapped)');
		await browser.closeNode(page);
	});
	await check('editor: Contact Fields › Map Automatically, run from the panel: the contacts are sent, the input keys that match no field are reported under "unmapped" → docs/screenshots/commonroom-contact-fields-automap.png', async () => {
		await emulatorReset(emulator.url);
		if (!page.url().includes('/workflow/crtcgExample0001')) await browser.openWorkflow(page, n8n.url, 'crtcgExample0001');
		const ndv = await browser.openNode(page, 'Upsert contact');
		await ndv.locator('[data-test-id="mapping-mode-select"]').click();
		await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Map Automatically' }).first().click();
		await ndv.locator('[data-test-id="mapping-fields-container"]').waitFor({ state: 'detached', timeout: 10000 });
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		const output = ndv.locator('[data-test-id="ndv-output-panel"], [data-test-id="output-panel"]').first();
		await output.getByText('upserted').first().waitFor({ timeout: 60000 });
		await output.getByText('JSON', { exact: true }).first().click();
		await output.getByText('unmapped').first().waitFor({ timeout: 15000 });
		const state = await emulatorState(emulator.url);
		assert.ok(state.commonRoom.contacts.some((c) => c.id === 'ada@example.com' && c.fullName === 'Ada Lovelace'), 'the auto-mapped contact was not stored');
		await page.mouse.move(1, 1);
		await page.waitForTimeout(500);
		await ndv.screenshot({ path: path.join(SCREENSHOTS, 'commonroom-contact-fields-automap.png') });
		await browser.closeNode(page);
	});
}
