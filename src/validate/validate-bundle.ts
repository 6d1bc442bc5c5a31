/**
 * `jobs validate` as a function (I/O through the injected Io): load and resolve the bundle, run
 * every check, and return what the renderers need. A raw Jobs API file (a jobs/create body or a
 * jobs/get answer) is validated on its own, without a bundle around it.
 */
import { basename, dirname, resolve } from 'node:path';
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import type { Io } from '../ports/io.js';
import { loadBundle, type LoadOptions } from '../bundle/load-bundle.js';
import { readConfigFile } from '../bundle/read-bundle.js';
import type { SourceFile } from '../source/source-file.js';
import { jobViews, type JobView } from './check.js';
import { validateConfig } from './validate-config.js';
import { normalizeJobSettings, normalizeToSchema } from '../schema/normalize.js';

export interface ValidateResult {
  diagnostics: Diagnostic[];
  /** Directory that locations are relative to. */
  baseDir: string;
  config?: Record<string, unknown>;
  target?: string;
  sources: Map<string, SourceFile>;
}

export async function validateBundle(io: Io, opts: LoadOptions): Promise<ValidateResult> {
  const { bundle, diagnostics } = await loadBundle(io, opts);
  const sources = new Map((bundle?.files ?? []).map((f) => [f.file.path, f.file]));
  if (!bundle || Object.keys(bundle.config).length === 0) {
    return { diagnostics, baseDir: bundle?.root ?? io.cwd, sources };
  }
  diagnostics.push(...validateConfig({ config: bundle.config, jobs: jobViews(bundle.config), now: io.clock.now() }));
  // normalizeToSchema. After the checks, which report what it converts or drops.
  normalizeToSchema(bundle.config);
  return { diagnostics, baseDir: bundle.root, config: bundle.config, target: bundle.target, sources };
}

/** Validates one Jobs API JSON or YAML file: the body of jobs/create, or a jobs/get answer. */
export async function validateJobFile(io: Io, file: string): Promise<ValidateResult> {
  const abs = resolve(io.cwd, file);
  const diagnostics: Diagnostic[] = [];
  const parsed = await readConfigFile(io.fs, abs, diagnostics);
  const sources = new Map([[abs, parsed.file]]);
  const base = { baseDir: dirname(abs), sources };
  const value = parsed.value;
  if (diagnostics.length > 0 || parsed.diagnostics.some((d) => d.severity === 'error')) {
    return { ...base, diagnostics: [...diagnostics, ...parsed.diagnostics] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ...base, diagnostics: [diag('error', 'bundle/not-a-mapping', `${basename(abs)} must hold a job object`, { span: parsed.file.span(0, 0) })] };
  }
  const root = value as Record<string, unknown>;
  // A jobs/get answer wraps the settings; a jobs/create body is the settings.
  const wrapped = root.settings !== null && typeof root.settings === 'object' && !Array.isArray(root.settings);
  const job: JobView = {
    key: basename(abs).replace(/\.(json|ya?ml)$/i, ''),
    path: wrapped ? ['settings'] : [],
    settings: (wrapped ? root.settings : root) as Record<string, unknown>,
  };
  diagnostics.push(...parsed.diagnostics, ...validateConfig({ config: root, jobs: [job], now: io.clock.now() }, 'jobFile'));
  normalizeJobSettings(job.settings);
  return { ...base, diagnostics, config: root };
}
