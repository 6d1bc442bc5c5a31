/**
 * The deployment state contract shared by deploy (which writes it) and run, summary and destroy
 * (which read it). The file is the reference CLI's direct-engine `resources.json`, kept in the
 * workspace under `${workspace.state_path}` and cached locally under
 * `<bundle root>/.databricks/bundle/<target>/`, so a bundle deployed by either tool can be read
 * by the other:
 *
 *   {state_version, cli_version, lineage: <uuid>, serial: <int, +1 per write>,
 *    state: {"resources.jobs.<key>": {"__id__": "<job id>", "state": <deployed JobSettings>}}}
 *
 * Deployed jobs also carry a tag naming bundle, target and key, so a deploy whose state was
 * lost adopts its jobs instead of creating duplicates. Pure.
 */
import { parseJsonObject } from '../api/json.js';

export const STATE_FILE = 'resources.json';
export const STATE_VERSION = 1;

/** Tag on every deployed job: `<bundle name>/<target>/<resource key>`. Cluster-tag safe. */
export const DEPLOY_TAG = 'jobs_as_code';

export interface ResourceState {
  /** The job id, as a decimal string (int64-safe). */
  __id__: string;
  /** The settings last sent to jobs/create or jobs/reset. */
  state: Record<string, unknown>;
  depends_on?: { node: string; label?: string }[];
}

export interface DeploymentState {
  state_version: number;
  cli_version: string;
  lineage: string;
  serial: number;
  state: Record<string, ResourceState>;
}

/** `resources.jobs.<key>`: the state entry of a job. */
export function jobStateKey(key: string): string {
  return `resources.jobs.${key}`;
}

export function deployTagValue(bundle: string, target: string, key: string): string {
  return `${bundle}/${target}/${key}`;
}

/** Parses a state file; undefined when it is not one (the caller reports where it came from). */
export function parseDeploymentState(text: string): DeploymentState | undefined {
  const s = parseJsonObject(text) as Partial<DeploymentState> | undefined;
  if (!s) return undefined;
  if (typeof s.lineage !== 'string' || typeof s.serial !== 'number' || s.state === null || typeof s.state !== 'object') return undefined;
  for (const entry of Object.values(s.state)) {
    if (entry === null || typeof entry !== 'object' || typeof (entry as ResourceState).__id__ !== 'string') return undefined;
  }
  return { state_version: s.state_version ?? STATE_VERSION, cli_version: s.cli_version ?? '', lineage: s.lineage, serial: s.serial, state: s.state };
}

/** The deployed job ids by resource key. */
export function deployedJobIds(state: DeploymentState | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, entry] of Object.entries(state?.state ?? {})) {
    // Sub-resources (`resources.jobs.<key>.permissions`) are not jobs.
    const m = /^resources\.jobs\.([^.]+)$/.exec(k);
    if (m) out.set(m[1]!, entry.__id__);
  }
  return out;
}

/** Of two states of one bundle, the one to trust: same lineage → higher serial. */
export function newerState(a: DeploymentState | undefined, b: DeploymentState | undefined): DeploymentState | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.lineage !== b.lineage) return b;
  return a.serial >= b.serial ? a : b;
}
