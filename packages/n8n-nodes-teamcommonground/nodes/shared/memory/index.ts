// Generated from packages/shared/memory/index.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * What a node remembers between executions: fingerprints of content, and n8n's store of
 * processed values with the checks it lacks (processedStore.ts).
 */
export { canonicalJson, fingerprint } from './fingerprint';
export { ProcessedStore } from './processedStore';
