// The one function scripts/scan-package.mjs uses from n8n's scanner, which ships as plain .mjs
// without type declarations (@n8n/scan-community-package 0.32, scanner/scanner.mjs).
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export function analyzePackage(
		packageDir: string,
		filePatterns?: string[],
	): Promise<{ passed: boolean; message?: string; details?: string; error?: unknown }>;
}
