// @ts-check
// A real browser on n8n's editor: Debian's Chromium driven by playwright-core (a browser that
// playwright downloads itself cannot be fetched on these machines).
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { chromium } from 'playwright-core';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */

export const CHROMIUM = process.env.CRTCG_CHROMIUM || '/usr/bin/chromium';

const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Installs Debian's chromium when it is missing (as root, with apt-get).
 * @param {(line: string) => void} [log]
 */
export async function ensureChromium(log = console.log) {
	if (fs.existsSync(CHROMIUM)) return { installed: false };
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
		throw new Error(`${CHROMIUM} is missing; install Debian's chromium (apt-get install -y chromium) or set CRTCG_CHROMIUM`);
	}
	log('  … installing Debian chromium (apt-get update && apt-get install -y chromium, about a minute, once)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
		try {
			await promisify(execFile)('apt-get', args, { env, maxBuffer: 64 * 1024 * 1024 });
		} catch (error) {
			throw new Error(`apt-get ${args.join(' ')} failed:\n${String(error.stderr || error.stdout || error.message).slice(-2000)}`);
		}
	}
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is not there`);
	log('  ✓ Debian chromium installed');
	return { installed: true };
}

/** A fresh browser profile each time; close() removes it. */
export async function launchBrowser({ width = 1440, height = 1250 } = {}) {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crtcg-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		viewport: { width, height },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30000);
	return {
		context,
		page,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Signs in through the editor's own form.
 * @param {Page} page
 * @param {string} baseUrl
 * @param {{ email: string, password: string }} login
 */
export async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(email);
	await page.locator('[data-test-id="password"] input, input[type=password]').first().fill(password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30000 });
}

/** @param {Page} page @param {string} baseUrl @param {string} workflowId */
export async function openWorkflow(page, baseUrl, workflowId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.waitForSelector('[data-test-id="canvas-node"]');
	// Let the canvas settle (fit view, icons).
	await page.waitForTimeout(800);
}

/** @param {Page} page @param {string} name */
export function canvasNode(page, name) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);
}

/**
 * Opens a node's panel (NDV) by double-clicking it on the canvas; returns the panel.
 * @param {Page} page
 * @param {string} name
 */
export async function openNode(page, name) {
	await canvasNode(page, name).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible' });
	await ndv.locator('[data-test-id="parameter-item"]').first().waitFor();
	// Options lists (activity types, custom fields) load from the emulator through n8n.
	await page.waitForTimeout(1200);
	return ndv;
}

/** @param {Page} page */
export async function closeNode(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
}

/**
 * Whether an <img> whose src contains `fragment` is in `scope` and has loaded.
 * @param {Page | Locator} scope
 * @param {string} fragment
 */
export async function iconLoaded(scope, fragment) {
	const images = scope.locator(`img[src*="${fragment}"]`);
	const count = await images.count();
	for (let i = 0; i < count; i++) {
		if (await images.nth(i).evaluate((/** @type {{ complete: boolean, naturalWidth: number }} */ img) => img.complete && img.naturalWidth > 0)) return true;
	}
	return false;
}
