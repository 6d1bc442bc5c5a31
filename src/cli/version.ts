/** The package version; esbuild replaces `__JOBS_VERSION__` at build time. */
declare const __JOBS_VERSION__: string | undefined;
export const VERSION: string = typeof __JOBS_VERSION__ === 'string' ? __JOBS_VERSION__ : '0.0.0-dev';
