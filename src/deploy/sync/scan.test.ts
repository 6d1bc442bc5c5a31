import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeIo } from '../../ports/node-io.js';
import { writeTree } from '../../../test/helpers/temp-tree.js';
import { scanSyncFiles } from './scan.js';

const fs = nodeIo().fs;
const scan = (root: string, o: { paths?: string[]; include?: string[]; exclude?: string[]; syncRoot?: string } = {}) =>
  scanSyncFiles(fs, { syncRoot: o.syncRoot ?? root, paths: o.paths ?? [root], include: o.include ?? [], exclude: o.exclude ?? [], bundleRoot: root });

describe('scanSyncFiles', () => {
  it('honours .gitignore (nested too), never syncs .git or .databricks, and detects notebooks', async () => {
    const root = writeTree({
      'databricks.yml': 'bundle: {name: b}\n',
      '.gitignore': '*.pyc\ndist/\n',
      'src/nb.py': '# Databricks notebook source\nprint(1)\n',
      'src/lib.py': 'x = 1\n',
      'src/lib.pyc': 'binary',
      'src/.gitignore': 'secret.txt\n',
      'src/secret.txt': 's',
      'secret.txt': 'kept: the nested rule does not apply here',
      'dist/app.whl': 'whl',
      '.git/HEAD': 'ref',
      '.databricks/bundle/dev/resources.json': '{}',
    });
    const { value, diagnostics } = await scan(root);
    expect(diagnostics).toEqual([]);
    expect(value.map((f) => [f.path, f.notebook])).toEqual([
      ['.gitignore', false], ['databricks.yml', false], ['secret.txt', false], ['src/.gitignore', false], ['src/lib.py', false], ['src/nb.py', true],
    ]);
    expect(value[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sync.include brings ignored files back; sync.exclude removes files', async () => {
    const root = writeTree({ '.gitignore': 'dist/\n', 'dist/app.whl': 'w', 'a.txt': 'a', 'tmp/x.log': 'l', 'keep.log': 'k' });
    const { value } = await scan(root, { include: ['dist/*.whl'], exclude: ['tmp/', '*.log', '.gitignore'] });
    expect(value.map((f) => f.path)).toEqual(['a.txt', 'dist/app.whl']);
  });

  it('syncs only the sync paths, relative to a wider sync root', async () => {
    const top = writeTree({ 'bundle/databricks.yml': 'x', 'bundle/a.py': 'a', 'common/util.py': 'u', 'other/no.py': 'n' });
    const { value } = await scanSyncFiles(fs, { syncRoot: top, paths: [join(top, 'bundle'), join(top, 'common')], include: [], exclude: [], bundleRoot: join(top, 'bundle') });
    expect(value.map((f) => f.path)).toEqual(['bundle/a.py', 'bundle/databricks.yml', 'common/util.py']);
  });

  it('never reads through a symlink that leaves the sync root', async () => {
    const outside = writeTree({ 'secret.txt': 'do not upload' });
    const root = writeTree({ 'a.txt': 'a', 'real/b.txt': 'b' });
    symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
    symlinkSync(outside, join(root, 'leakdir'));
    symlinkSync(join(root, 'real', 'b.txt'), join(root, 'inside.txt'));
    symlinkSync(join(root, 'real'), join(root, 'realdir'));
    const { value, diagnostics } = await scan(root);
    expect(value.map((f) => f.path)).toEqual(['a.txt', 'inside.txt', 'real/b.txt']);
    expect(diagnostics.map((d) => [d.code, d.summary.split(':')[0]])).toEqual([
      ['deploy/sync-skipped', 'leak.txt is not synced'], ['deploy/sync-skipped', 'leakdir is not synced'], ['deploy/sync-skipped', 'realdir is not synced'],
    ]);
    expect(value.every((f) => !f.abs.startsWith(outside))).toBe(true);
  });

  it('refuses files the Workspace API cannot import', async () => {
    const root = writeTree({ 'a.txt': 'a' });
    mkdirSync(join(root, 'big'));
    writeFileSync(join(root, 'big', 'blob.bin'), Buffer.alloc(10 * 1024 * 1024 + 1));
    const { value, diagnostics } = await scan(root);
    expect(value.map((f) => f.path)).toEqual(['a.txt']);
    expect(diagnostics.map((d) => d.code)).toEqual(['deploy/file-too-large']);
  });
});
