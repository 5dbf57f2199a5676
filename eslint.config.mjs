// n8n's community-node lint, exactly as `@n8n/node-cli` configures it for new packages
// (eslint-plugin-n8n-nodes-base + @n8n/eslint-plugin-community-nodes), applied to the shipped
// code. Tests, the emulator and scripts are dev tooling: TypeScript rules only.
import { config } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'docs/**', '**/*.js', '**/*.mjs'] },
	...config.map((block) =>
		block.files && block.files.includes('**/*.ts')
			? { ...block, files: ['credentials/**/*.ts', 'nodes/**/*.ts'] }
			: block,
	),
	...tseslint.configs.recommended.map((block) => ({
		...block,
		files: ['test/**/*.ts', 'emulator/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
	})),
];
