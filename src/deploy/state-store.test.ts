import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeIo } from '../ports/node-io.js';
import type { WorkspaceClient } from '../remote/client.js';
import { parseDeploymentState } from './state-format.js';
import { emptyState, StateWriter } from './state-store.js';

/** A client whose import-file takes 5 ms and records the serial of each state it receives. */
function recordingClient(): { client: WorkspaceClient; serials: number[] } {
  const serials: number[] = [];
  const client = {
    workspace: {
      importFile: async (_path: string, content: string) => {
        await new Promise((r) => setTimeout(r, 5));
        serials.push(parseDeploymentState(String(content))!.serial);
      },
      mkdirs: async () => undefined,
    },
  } as unknown as WorkspaceClient;
  return { client, serials };
}

describe('StateWriter', () => {
  it('writes the local cache at every change and the workspace copy coalesced, newest last', async () => {
    const { client, serials } = recordingClient();
    const localDir = join(mkdtempSync(join(tmpdir(), 'state-')), '.databricks', 'bundle', 't');
    const writer = new StateWriter(client, nodeIo(), { remoteDir: '/ws/state', localDir }, emptyState());
    for (let i = 0; i < 40; i++) {
      await writer.update((s) => void (s.state[`resources.jobs.j${i}`] = { __id__: String(i), state: {} }));
      const local = parseDeploymentState(readFileSync(join(localDir, 'resources.json'), 'utf8'))!;
      expect(local.serial).toBe(i + 1);
      expect(Object.keys(local.state)).toHaveLength(i + 1);
    }
    await writer.flush();
    expect(serials.length).toBeLessThan(5);
    expect(serials.at(-1)).toBe(40);
    expect(readFileSync(join(localDir, '..', '..', '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('reports a workspace write that keeps failing at flush', async () => {
    const client = { workspace: { importFile: async () => { throw new Error('down'); }, mkdirs: async () => undefined } } as unknown as WorkspaceClient;
    const writer = new StateWriter(client, nodeIo(), { remoteDir: '/ws/state', localDir: mkdtempSync(join(tmpdir(), 'state-')) }, emptyState());
    await writer.update((s) => void (s.state['resources.jobs.a'] = { __id__: '1', state: {} }));
    await expect(writer.flush()).rejects.toThrow('down');
  });
});
