// The repository's own code: tests, the emulator, the benchmarks and the scripts (dev tooling,
// TypeScript's recommended rules). What ships is linted by n8n's own tool in each package folder,
// `n8n-node lint` with its two-line default config (packages/*/eslint.config.mjs), which
// `npm run lint` runs first; packages/shared/ is linted there too, as each package's generated
// nodes/shared/ copy (gulpfile.js). The plain-JS drivers (scripts/**/*.mjs and .cjs,
// test/e2e/**/*.mjs, bench/**/*.mjs) get ESLint's recommended rules with Node's globals, listed
// here by hand (the `globals` package is not a dependency); `tsconfig.scripts.json` type-checks
// them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
			'packages/**',
			'**/*.js',
			'**/*.mjs',
			'**/*.cjs',
			...drivers.map((pattern) => `!${pattern}`),
			'!scripts/**/*.cjs',
			'!gulpfile.js',
		],
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
		files: ['scripts/**/*.cjs', 'gulpfile.js'],
		extends: [js.configs.recommended],
		languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
	},
);
