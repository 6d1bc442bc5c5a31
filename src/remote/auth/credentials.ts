/**
 * What the client needs from authentication: an Authorization header value, a description of
 * where the credentials came from (for 401/403 messages), and the secret values to redact.
 */
export interface Credentials {
  /** The value of the Authorization header (`Bearer …`). */
  authorization(): Promise<string>;
  /** Where the credentials came from, for messages: `a personal access token from DATABRICKS_TOKEN`. */
  readonly source: string;
  /** Secret values (tokens, client secrets) that must never appear in logs or errors. */
  secrets(): string[];
  /** Forget cached tokens (after a 401), so the next call fetches a fresh one. */
  invalidate?(): void;
}

/** A fixed bearer token (PAT, or the local workspace's token). */
export function bearerToken(token: string, source: string): Credentials {
  return { authorization: async () => `Bearer ${token}`, source, secrets: () => [token] };
}
