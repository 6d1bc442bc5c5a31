/**
 * An embedded workspace reached over HTTP, as a deployer sees a real one: the CLI runs
 * in-process with `DATABRICKS_HOST=http://127.0.0.1:<port>` and `DATABRICKS_TOKEN`, and every
 * request the server receives is recorded (`onReceipt`), so tests can assert what was sent.
 */
import { startLocalWorkspace, type LocalWorkspace, type LocalWorkspaceOptions } from '../../src/local/start.js';
import type { Receipt } from '../../src/local/server/router.js';
import { runCli, type CliResult, type RunCliOptions } from './run-cli.js';

export const TEST_USER = 'tester@databricks.com';
export const TEST_TOKEN = 'deploy-test-token-0123';

export interface DeployWorkspace {
  ws: LocalWorkspace;
  receipts: Receipt[];
  env: Record<string, string>;
  /** Runs `jobs <argv>` against this workspace. */
  cli(argv: string[], opts: Omit<RunCliOptions, 'env'> & { env?: Record<string, string | undefined> }): Promise<CliResult>;
  /** Receipts since the mark, then moves the mark. */
  take(): Receipt[];
  close(): Promise<void>;
}

export async function startDeployWorkspace(options: Partial<LocalWorkspaceOptions> = {}): Promise<DeployWorkspace> {
  const receipts: Receipt[] = [];
  const ws = await startLocalWorkspace({ port: 0, token: TEST_TOKEN, userName: TEST_USER, onReceipt: (r) => receipts.push(r), ...options });
  const env = { DATABRICKS_HOST: ws.url, DATABRICKS_TOKEN: TEST_TOKEN };
  let mark = 0;
  return {
    ws, receipts, env,
    cli: (argv, opts) => runCli(argv, { ...opts, env: { ...env, ...opts.env } }),
    take() {
      const out = receipts.slice(mark);
      mark = receipts.length;
      return out;
    },
    close: () => ws.close(),
  };
}

/** Requests that change something in the workspace. */
export function writes(receipts: readonly Receipt[]): Receipt[] {
  return receipts.filter((r) => r.method !== 'GET');
}

/**
 * One line per request, normalised: the URL decoded, ids and generated values replaced, the
 * body (JSON) on the same line with keys sorted. For `requests.txt` goldens.
 */
export function formatReceipts(receipts: readonly Receipt[], replace: (s: string) => string = (s) => s): string {
  return receipts.map((r) => {
    const url = replace(decodeURIComponent(r.url));
    const body = r.endpoint === 'workspace-files/import-file' || r.body === undefined || Object.keys(r.body as object).length === 0 ? '' : ` ${replace(stableJson(r.body))}`;
    return `${r.method} ${url}${body}${r.fault ? ` [fault ${r.fault}]` : ''}`;
  }).join('\n') + '\n';
}

export function stableJson(v: unknown): string {
  return JSON.stringify(sortKeys(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
