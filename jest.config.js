/** One jest run for every test: unit, emulator contract, engine, fault and fuzz suites. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	setupFiles: ['<rootDir>/test/setup/env.ts'],
	resolver: '<rootDir>/test/setup/sharedResolver.js',
	testTimeout: 60_000,
};
