// n8n's community-node lint, with the rule sets `@n8n/node-cli` configures for new packages:
// ESLint's and typescript-eslint's recommended rules, @n8n/eslint-plugin-community-nodes'
// recommended set, and eslint-plugin-n8n-nodes-base's community (package.json), credentials and
// nodes sets with the same three overrides each. node-cli's own default config (which adds
// eslint-plugin-import-x) also runs, on what ships, as a separate step of `npm run check`
// (scripts/check.sh); `n8n-node lint` itself refuses a modified config (README "Releasing"). Tests, the emulator, the benchmark and scripts are dev tooling: TypeScript rules only.
// The plain-JS drivers (scripts/**/*.mjs and .cjs, test/e2e/**/*.mjs) get ESLint's recommended
// rules with Node's globals, listed here by hand (the `globals` package is not a dependency);
// `tsconfig.scripts.json` type-checks them.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityNodes = n8nCommunityNodesPlugin.configs.recommended;
const shipped = ['credentials/**/*.ts', 'nodes/**/*.ts'];
const drivers = ['scripts/**/*.mjs', 'test/e2e/**/*.mjs', 'bench/**/*.mjs'];

/** @param {string[]} names */
const readonly = (names) => Object.fromEntries(names.map((name) => [name, 'readonly']));
const nodeGlobals = readonly([
	'Buffer',
	'URL',
	'clearInterval',
	'clearTimeout',
	'console',
	'fetch',
	'process',
	'setInterval',
	'setTimeout',
]);
const commonJsGlobals = readonly(['__dirname', '__filename', 'exports', 'module', 'require']);

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'coverage/**',
			'docs/**',
			'**/*.js',
			'**/*.mjs',
			'**/*.cjs',
			...drivers.map((pattern) => `!${pattern}`),
			'!scripts/**/*.cjs',
		],
	},
	{
		files: shipped,
		extends: [js.configs.recommended, tseslint.configs.recommended, communityNodes],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		extends: [communityNodes],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'emulator/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		extends: [tseslint.configs.recommended],
	},
	{
		files: drivers,
		extends: [js.configs.recommended],
		languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: nodeGlobals },
	},
	{
		files: ['scripts/**/*.cjs'],
		extends: [js.configs.recommended],
		languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
	},
);
