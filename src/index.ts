/**
 * Library entry: the CLI as a function, for tests and for embedding.
 */
export { main } from './cli/main.js';
export type { Io } from './ports/io.js';
export type { Diagnostic } from './diag/diagnostic.js';
