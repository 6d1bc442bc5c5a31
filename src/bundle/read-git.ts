/**
 * Git facts for `${bundle.git.*}` (I/O), read straight from `.git` so validation stays offline
 * and needs no git binary: branch, commit, origin URL, and the bundle's path inside the repo.
 * Outside a repository only `bundle_root_path: "."` is known, as with the reference CLI.
 */
import { dirname, join, relative, sep } from 'node:path';
import type { FileSystem } from '../ports/io.js';

export interface GitInfo {
  branch?: string;
  commit?: string;
  origin_url?: string;
  bundle_root_path: string;
}

export async function readGitInfo(fs: FileSystem, bundleDir: string): Promise<GitInfo> {
  const top = await findGitDir(fs, bundleDir);
  if (!top) return { bundle_root_path: '.' };
  const gitDir = join(top, '.git');
  const info: GitInfo = { bundle_root_path: relative(top, bundleDir).split(sep).join('/') || '.' };
  const head = (await readText(fs, join(gitDir, 'HEAD')))?.trim();
  if (head?.startsWith('ref: ')) {
    const ref = head.slice(5);
    info.branch = ref.replace(/^refs\/heads\//, '');
    info.commit = (await readText(fs, join(gitDir, ref)))?.trim() ?? (await packedRef(fs, gitDir, ref));
  } else if (head && /^[0-9a-f]{40}$/.test(head)) info.commit = head;
  const config = await readText(fs, join(gitDir, 'config'));
  const origin = config && /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config);
  if (origin) info.origin_url = origin[1];
  return info;
}

async function findGitDir(fs: FileSystem, start: string): Promise<string | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      if ((await fs.stat(join(dir, '.git'))).isDirectory()) return dir;
    } catch {
      // keep walking
    }
    if (dirname(dir) === dir) return undefined;
  }
}

async function packedRef(fs: FileSystem, gitDir: string, ref: string): Promise<string | undefined> {
  const packed = await readText(fs, join(gitDir, 'packed-refs'));
  const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
  return line?.split(' ')[0];
}

async function readText(fs: FileSystem, path: string): Promise<string | undefined> {
  try {
    return Buffer.from(await fs.readFile(path)).toString('utf8');
  } catch {
    return undefined;
  }
}
