/**
 * What a node remembers between executions: fingerprints of content, and n8n's store of
 * processed values with the checks it lacks (processedStore.ts).
 */
export { canonicalJson, fingerprint } from './fingerprint';
export { ProcessedStore } from './processedStore';
