import { describe, expect, it } from 'vitest';
import { startLocalWorkspace } from '../start.js';

describe('the injected job-settings validator', () => {
  it('runs after the intrinsic checks and turns issues into 400 INVALID_PARAMETER_VALUE', async () => {
    const seen: unknown[] = [];
    const ws = await startLocalWorkspace({
      noListen: true, token: 'tok-12345678',
      validateJobSettings: (s) => (seen.push(s), s.name === 'bad' ? [{ path: 'name', message: 'name must not be bad' }, { message: 'second' }] : []),
    });
    const call = async (body: unknown) => {
      const res = await ws.router.handle({ method: 'POST', url: '/api/2.2/jobs/create', headers: { authorization: 'Bearer tok-12345678' }, body: Buffer.from(JSON.stringify(body)) });
      return { status: res.status, body: JSON.parse(res.body.toString()) as { error_code?: string; message?: string } };
    };
    expect(await call({ name: 'bad' })).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'name must not be bad (and 1 more problems)' } });
    expect((await call({ name: 'good' })).status).toBe(200);
    // A job the run model could not hold never reaches the injected validator.
    expect((await call({ name: 'cycle', tasks: [{ task_key: 'a', depends_on: [{ task_key: 'a' }], notebook_task: { notebook_path: '/x' } }] })).status).toBe(400);
    expect(seen).toHaveLength(2);
    await ws.close();
  });
});
