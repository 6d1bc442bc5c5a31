/**
 * The terminal paths of deploy and plan: deletions confirmed by a prompt, colour only on a TTY
 * and never with NO_COLOR, a spinner on a TTY but plain progress lines when CI is set.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDeployWorkspace, type DeployWorkspace } from '../helpers/deploy-workspace.js';
import { writeTree } from '../helpers/temp-tree.js';

const two = 'bundle: {name: tty}\nresources:\n  jobs:\n    a: {name: a, tasks: [{task_key: t, notebook_task: {notebook_path: /x}}]}\n    b: {name: b, tasks: [{task_key: t, notebook_task: {notebook_path: /y}}]}\ntargets: {ci: {default: true, workspace: {root_path: /Workspace/Shared/tty}}}\n';
const one = two.replace(/ {4}b: .*\n/, '');
const ESC = String.fromCharCode(27);

let server: DeployWorkspace;
afterEach(async () => server?.close());

describe('on a terminal', () => {
  it('asks before deleting; "n" cancels without a change, "y" deletes', async () => {
    server = await startDeployWorkspace();
    const dir = writeTree({ 'databricks.yml': two });
    expect((await server.cli(['deploy'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'databricks.yml'), one);
    const questions: string[] = [];
    const no = await server.cli(['deploy'], { cwd: dir, tty: true, env: { CI: '1' }, prompt: async (q) => (questions.push(q), 'n') });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('deploy canceled: the deletions were not approved');
    expect(questions).toEqual(['Deploy deletes 1 job: jobs.b (2). Continue? [y/N] ']);
    server.take();
    const yes = await server.cli(['deploy'], { cwd: dir, tty: true, env: { CI: '1' }, prompt: async () => 'y' });
    expect(yes.code, yes.stderr).toBe(0);
    expect(server.take().filter((r) => r.endpoint === 'jobs/delete').map((r) => r.body)).toEqual([{ job_id: 2 }]);
  });

  it('colours the plan on a TTY, never with NO_COLOR or off a TTY', async () => {
    server = await startDeployWorkspace();
    const dir = writeTree({ 'databricks.yml': two });
    expect((await server.cli(['plan'], { cwd: dir, tty: true })).stdout).toContain(`${ESC}[32mcreate${ESC}[0m jobs.a`);
    expect((await server.cli(['plan'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await server.cli(['plan'], { cwd: dir })).stdout).not.toContain(ESC);
  });

  it('shows a spinner on a TTY, and plain progress lines when CI is set', async () => {
    server = await startDeployWorkspace();
    const spin = await server.cli(['deploy'], { cwd: writeTree({ 'databricks.yml': two }), tty: true, env: { CI: undefined } });
    expect(spin.code).toBe(0);
    expect(spin.stderr).toContain('✔');
    expect(spin.stderr).not.toContain('  created jobs.a');
    const ci = await server.cli(['deploy'], { cwd: writeTree({ 'databricks.yml': two.replaceAll('tty}', 'tty2}') }), tty: true, env: { CI: 'true' } });
    expect(ci.stderr).toContain('  created jobs.a (job');
    expect(ci.stderr).not.toContain('✔');
  });
});
