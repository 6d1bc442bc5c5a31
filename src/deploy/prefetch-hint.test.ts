import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../../test/helpers/run-cli.js';
import { writeTree } from '../../test/helpers/temp-tree.js';
import { HINT_FILE, hintMatches, parseHint, readHint, toHintText, type PrefetchHint } from './prefetch-hint.js';

const hint: PrefetchHint = { host: 'https://a.example.com', profile: 'a', statePath: '/Workspace/s', userName: 'me@example.com', defaultTarget: true };

function writeHintFile(root: string, target: string, h: PrefetchHint, mtime: number): void {
  const dir = join(root, '.databricks', 'bundle', target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, HINT_FILE), toHintText(h));
  utimesSync(join(dir, HINT_FILE), mtime, mtime);
}

describe('prefetch hints', () => {
  it('round-trips and rejects what is not a hint', () => {
    expect(parseHint(toHintText(hint))).toEqual(hint);
    const { profile: _, ...noProfile } = hint;
    expect(parseHint(toHintText(noProfile))).toEqual(noProfile);
    for (const bad of ['', '{', '[]', 'null', '{"version":2,"host":"h","state_path":"s","user_name":"u"}', '{"version":1,"host":"h","state_path":"s"}'])
      expect(parseHint(bad)).toBeUndefined();
  });

  it.each([
    ['the same session', {}, true],
    ['another host', { host: 'https://b.example.com' }, false],
    ['another state path', { statePath: '/Workspace/t' }, false],
    ['another user', { userName: 'you@example.com' }, false],
  ])('matches %s: %s', (_name, change, expected) => {
    expect(hintMatches(hint, { host: hint.host, statePath: hint.statePath, userName: hint.userName, ...change })).toBe(expected);
  });

  it('reads the requested target, or the newest hint of a deploy without -t', async () => {
    const root = writeTree({ 'databricks.yml': 'bundle: {name: h}\n' });
    const io = fakeIo({ cwd: root });
    expect(await readHint(io, root, undefined)).toBeUndefined();
    writeHintFile(root, 'dev', { ...hint, host: 'https://dev.example.com' }, 1_000);
    writeHintFile(root, 'prod', { ...hint, host: 'https://prod.example.com' }, 2_000);
    writeHintFile(root, 'qa', { ...hint, host: 'https://qa.example.com', defaultTarget: false }, 3_000);
    expect((await readHint(io, root, undefined))?.target).toBe('prod');
    expect((await readHint(io, root, 'qa'))?.hint.host).toBe('https://qa.example.com');
    expect(await readHint(io, root, 'nope')).toBeUndefined();
  });
});
