/**
 * Opt-in, read-only checks against a real workspace: set JOBS_TEST_REAL_WORKSPACE=1 plus the
 * usual DATABRICKS_HOST/DATABRICKS_TOKEN (or a profile). Skipped otherwise, including in CI.
 */
import { describe, expect, it } from 'vitest';
import { openWorkspaceClient } from '../../src/remote/connect.js';
import { ApiError, isNotFound } from '../../src/remote/errors.js';
import { fakeIo } from '../helpers/run-cli.js';

const enabled = process.env.JOBS_TEST_REAL_WORKSPACE === '1';

describe.skipIf(!enabled)('a real workspace (opt-in)', () => {
  it('answers SCIM Me, lists jobs, and reports an unknown job as not found', async () => {
    const io = { ...fakeIo({ cwd: process.cwd(), env: process.env }), homedir: (await import('node:os')).homedir() };
    const { client } = await openWorkspaceClient(io, { profile: process.env.DATABRICKS_CONFIG_PROFILE });
    expect((await client.currentUser.me()).userName).toBeTruthy();
    await client.jobs.listPage({ limit: 5 });
    // Workspaces check access before existence, so an id nobody may see can answer 403 instead.
    const err = await client.jobs.get(1).catch((e: unknown) => e);
    expect(isNotFound(err) || (err instanceof ApiError && err.status === 403)).toBe(true);
    await client.close();
  });
});
