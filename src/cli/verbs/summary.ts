/**
 * `jobs summary`: each job of the bundle with its id and URL, or "not deployed", from the
 * deployment state (the workspace copy or the local cache, whichever is newer). Jobs the state
 * holds that the bundle no longer defines are listed too: the next deploy deletes them.
 */
import { stringifyJson } from '../../api/json.js';
import { isDict } from '../../bundle/merge.js';
import { deployedJobIds } from '../../deploy/state-format.js';
import { readStates } from '../../deploy/state-store.js';
import { describeTarget } from '../../deploy/target.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import type { BundleSession } from '../../workspace/bundle-session.js';
import { withSession, type SessionFlags } from './session.js';

export interface SummaryOptions extends SessionFlags {
  output: 'text' | 'json';
}

export async function runSummary(ctx: CommandContext, opts: SummaryOptions): Promise<number> {
  return withSession(ctx, opts, async ({ session }) => {
    const target = describeTarget(session.bundle);
    const states = await readStates(session.client, ctx.io, { remoteDir: target.statePath, localDir: target.localDir });
    const ids = deployedJobIds(states.state);
    const config = session.bundle.config;
    const defined = isDict(config.resources) && isDict(config.resources.jobs) ? config.resources.jobs : {};
    const jobs = Object.entries(defined).map(([key, job]) => ({ key, name: isDict(job) && typeof job.name === 'string' ? job.name : undefined }));
    const orphans = [...ids.keys()].filter((k) => !(k in defined)).map((key) => ({ key, name: undefined, orphan: true }));
    if (opts.output === 'json') {
      const rows = [...jobs, ...orphans].map((j) => {
        const id = ids.get(j.key);
        return {
          key: j.key, address: `jobs.${j.key}`, ...(j.name !== undefined ? { name: j.name } : {}), deployed: id !== undefined,
          ...(id !== undefined ? { job_id: id, ...(session.local ? {} : { url: jobUrl(session.host, id) }) } : {}), in_bundle: !('orphan' in j),
        };
      });
      ctx.io.stdout.write(stringifyJson({ bundle: { name: target.bundleName, target: target.target }, workspace: { host: session.ephemeral ? 'local' : session.host, root_path: target.rootPath }, jobs: rows }, 2) + '\n');
      return ExitCode.OK;
    }
    ctx.io.stdout.write(`Bundle ${target.bundleName}, target ${target.target}, workspace ${session.ephemeral ? 'local (embedded)' : session.local ? `${session.host} (embedded)` : session.host}\n`);
    ctx.io.stdout.write(`Root path: ${target.rootPath}\n`);
    // The embedded workspace serves the API, no pages: its jobs are shown by id.
    ctx.io.stdout.write(jobLines(jobs, ids, session));
    for (const o of orphans) ctx.io.stdout.write(`  jobs.${o.key}  (no longer in the bundle)  ${jobRef(session, ids.get(o.key)!)}\n`);
    return ExitCode.OK;
  });
}

export function jobUrl(host: string, id: string): string {
  return `${host.replace(/\/+$/, '')}/jobs/${id}`;
}

/** Where a deployed job is shown: its URL, or `job 12` on the embedded workspace (it serves the API, no pages). */
function jobRef(session: Pick<BundleSession, 'local' | 'host'>, id: string): string {
  return session.local ? `job ${id}` : jobUrl(session.host, id);
}

/** `  jobs.etl  Nightly ETL  https://…/jobs/12`, aligned; "not deployed" without an id. */
export function jobLines(jobs: readonly { key: string; name?: string }[], ids: ReadonlyMap<string, string>, session: Pick<BundleSession, 'local' | 'host'>): string {
  const rows = jobs.map((j) => [`jobs.${j.key}`, j.name ?? '', ids.has(j.key) ? jobRef(session, ids.get(j.key)!) : 'not deployed']);
  const w0 = Math.max(0, ...rows.map((r) => r[0]!.length));
  const w1 = Math.max(0, ...rows.map((r) => r[1]!.length));
  return rows.map((r) => `  ${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}\n`).join('');
}
