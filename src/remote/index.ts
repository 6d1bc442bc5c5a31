/**
 * The workspace client's public surface, for commands (deploy, run, plan) to import from one
 * place. `openWorkspaceClient(io, …)` is the usual entry; the rest is for tests and special cases.
 */
export { openWorkspaceClient, type OpenOptions } from './connect.js';
export { createWorkspaceClient, type WorkspaceClient, type WorkspaceClientOptions } from './client.js';
export { ApiError, NetworkError, RetriesExhaustedError, RemoteError, isRemoteError, isNotFound, isAlreadyExists, rootFailure } from './errors.js';
export { resolveAuth, normalizeHost, AuthConfigError, type AuthConfig, type AuthInput, type AuthType } from './auth/resolve.js';
export { readAuthConfig } from './auth/read-config.js';
export { credentialsFor, AuthError } from './auth/providers.js';
export { bearerToken, type Credentials } from './auth/credentials.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export type { Transport } from './transport.js';
