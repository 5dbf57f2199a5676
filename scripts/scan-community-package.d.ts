// What scripts/scan-package.mjs uses from n8n's scanner, which ships as plain .mjs without type
// declarations (@n8n/scan-community-package 0.32, scanner/scanner.mjs).
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export function analyzePackage(
		packageDir: string,
		filePatterns?: string[],
	): Promise<{ passed: boolean; message?: string; details?: string; error?: unknown }>;
	/** The folder below sourceDir whose package.json has this name, or null. */
	export function findPackageRoot(sourceDir: string, packageName: string): string | null;
	/** The files the verification lints in the source checkout. */
	export const SOURCE_FILE_PATTERNS: string[];
}
