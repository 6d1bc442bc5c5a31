import { describe, expect, it } from 'vitest';
import type { DeploymentFile } from '../deployment-files.js';
import type { LocalFile } from './scan.js';
import { planFileSync } from './sync-plan.js';

const f = (path: string, sha256: string, notebook = false): LocalFile => ({ path, abs: `/l/${path}`, sha256, size: 1, notebook });
const previous: DeploymentFile = {
  version: 1, seq: 3, cli_version: 'x', timestamp: 't', id: 'i', file_path: '/ws/files',
  files: [{ local_path: 'same.py', is_notebook: false, sha256: 'h1' }, { local_path: 'edit.py', is_notebook: false, sha256: 'h2' }, { local_path: 'gone.py', is_notebook: true, sha256: 'h3' }, { local_path: 'nb.py', is_notebook: false, sha256: 'h4' }],
};
const local = [f('same.py', 'h1'), f('edit.py', 'hX'), f('new.txt', 'h5'), f('nb.py', 'h4', true)];

describe('planFileSync', () => {
  it('uploads new and changed files, deletes removed ones, renames a file that became a notebook', () => {
    const p = planFileSync({ files: local, filePath: '/ws/files', previous, folderExists: true, libraries: [] });
    expect(p.upload.map((x) => x.path)).toEqual(['edit.py', 'new.txt', 'nb.py']);
    expect(p.delete.map((x) => [x.path, x.remotePath])).toEqual([['nb.py', '/ws/files/nb.py'], ['gone.py', '/ws/files/gone']]);
    expect(p.unchanged).toBe(1);
  });

  it('uploads everything when the folder is gone or the snapshot is for another path', () => {
    expect(planFileSync({ files: local, filePath: '/ws/files', previous, folderExists: false, libraries: [] }).upload).toHaveLength(4);
    const moved = planFileSync({ files: local, filePath: '/ws/other', previous, folderExists: true, libraries: [] });
    expect([moved.upload.length, moved.delete.length]).toEqual([4, 0]);
  });

  it('names notebooks without their extension in the workspace', () => {
    const p = planFileSync({ files: [f('src/a.ipynb', 'h', true)], filePath: '/ws/files', folderExists: false, libraries: [] });
    expect(p.upload[0]!.remotePath).toBe('/ws/files/src/a');
  });
});
