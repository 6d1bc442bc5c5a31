import { describe, expect, it } from 'vitest';
import { buildMetadata, parseDeploymentFile } from './deployment-files.js';

describe('deployment files', () => {
  it('builds metadata.json as the reference CLI lays it out', () => {
    expect(buildMetadata({
      bundle: { name: 'shop', target: 'prod', mode: 'production', git: { branch: 'main', bundle_root_path: '.' } },
      filePath: '/Workspace/x/files', sourceLinked: false,
      jobs: [{ key: 'b', id: '2' }, { key: 'a', id: '1', relativePath: 'resources/a.yml' }],
    })).toEqual({
      version: 1,
      config: {
        bundle: { name: 'shop', target: 'prod', mode: 'production', git: { branch: 'main', bundle_root_path: '.' } },
        workspace: { file_path: '/Workspace/x/files' },
        resources: { jobs: { a: { id: '1', relative_path: 'resources/a.yml' }, b: { id: '2' } } },
        presets: { source_linked_deployment: false },
      },
      extra: { git_folder_path: '.' },
    });
  });

  it('reads a reference deployment.json (no hashes) and ours, and refuses other files', () => {
    const reference = { version: 1, seq: 4, cli_version: '0.270.0', timestamp: 't', files: [{ local_path: 'a.py', is_notebook: true }], id: 'u' };
    expect(parseDeploymentFile(JSON.stringify(reference))).toEqual(reference);
    const ours = { ...reference, files: [{ local_path: 'a.py', is_notebook: true, sha256: 'h' }], file_path: '/f', artifacts: [{ local_path: 'd/x.whl', remote_path: '/a/x.whl', sha256: 'h2' }] };
    expect(parseDeploymentFile(JSON.stringify(ours))).toEqual(ours);
    expect(parseDeploymentFile('{"files": 3}')).toBeUndefined();
    expect(parseDeploymentFile('nope')).toBeUndefined();
  });
});
