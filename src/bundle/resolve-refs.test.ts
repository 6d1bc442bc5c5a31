import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../source/parse-yaml.js';
import { resolveBundleRefs } from './resolve-refs.js';
import type { Dict } from './merge.js';

/** Parses YAML, copies variable defaults into values (as assignVariables does), resolves. */
function resolve(text: string) {
  const config = parseYamlText('/b/databricks.yml', text).value as Dict;
  for (const v of Object.values((config.variables as Dict) ?? {})) if (v && typeof v === 'object') (v as Dict).value ??= (v as Dict).default;
  const diags = resolveBundleRefs(config);
  return { config, diags: diags.map((d) => `${d.code}@${d.span?.start.line}:${d.span?.start.column}`), raw: diags };
}

describe('resolveBundleRefs', () => {
  it('resolves chains of references and keeps the type of pure ones', () => {
    const { config, diags } = resolve('variables:\n  a: {default: 3}\n  b: {default: "${var.a}"}\nx: ${var.b}\ny: "n=${var.b}"\n');
    expect(diags).toEqual([]);
    expect([config.x, config.y]).toEqual([3, 'n=3']);
  });

  it('reports a cycle once, with the chain the reference prints', () => {
    const { raw } = resolve('variables:\n  a: {default: "${var.b}"}\n  b: {default: "${var.a}"}\n');
    expect(raw.map((d) => d.summary)).toEqual(['cycle detected in field resolution: variables.a.default -> var.b -> var.a -> var.b']);
  });

  it('gives up on self-expanding complex values after 11 rounds with a warning', () => {
    const { diags } = resolve('variables:\n  a:\n    type: complex\n    default: {hello: "${var.a}"}\n');
    expect(diags).toEqual(['interp/too-deep@undefined:undefined']);
  });

  it('refuses a map embedded in text', () => {
    const { diags } = resolve('variables:\n  c:\n    type: complex\n    default: {k: v}\nx: "a ${var.c}"\n');
    expect(diags).toEqual(['interp/not-a-string@5:7']);
  });

  it('reads typed but unset fields as empty strings', () => {
    const { config, diags } = resolve('bundle: {name: b}\nx: "[${bundle.git.branch}]"\n');
    expect(diags).toEqual([]);
    expect(config.x).toBe('[]');
  });

  it('checks that ${resources.…} names a resource and leaves it for deploy', () => {
    const { config, raw } = resolve('resources:\n  jobs:\n    a: {name: A}\n    b:\n      name: "${resources.jobs.a.id}"\n      description: "${resources.jobs.aa.id}"\n');
    expect(((config.resources as Dict).jobs as Dict).b).toMatchObject({ name: '${resources.jobs.a.id}' });
    expect(raw.map((d) => [d.code, d.detail])).toEqual([['interp/unknown-reference', 'did you mean one of:\n  ${resources.jobs.a.id}\n  ${resources.jobs.b.id}']]);
  });

  it('suggests close names for typos, several when several are close', () => {
    const { raw } = resolve('workspace: {root_path: /r, state_path: /s}\nx: ${workspace.stot_path}\n');
    expect(raw[0]!.detail).toBe('did you mean one of:\n  ${workspace.root_path}\n  ${workspace.state_path}');
  });
});
