/**
 * Settings of the tool itself (never of the bundle): default output format, colour,
 * concurrency and profile, from `.jobsrc*`, `jobs.config.*` or a `jobs` key in package.json,
 * found with cosmiconfig by searching up from the working directory.
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import { closest } from '../diag/suggest.js';

export interface ToolConfig {
  output?: 'text' | 'json' | 'github' | 'sarif';
  color?: 'auto' | 'always' | 'never';
  concurrency?: number;
  profile?: string;
  /** Where the settings came from, for --debug. */
  filepath?: string;
}

const OUTPUTS = ['text', 'json', 'github', 'sarif'];
const COLORS = ['auto', 'always', 'never'];

/** Checks a loaded settings object (pure). Unknown keys are reported so typos do not pass silently. */
export function parseToolConfig(raw: unknown, filepath: string): { config: ToolConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const config: ToolConfig = { filepath };
  const bad = (summary: string) =>
    diagnostics.push(diag('error', 'config/invalid', `${filepath}: ${summary}`, { detail: 'Allowed keys: output, color, concurrency, profile.' }));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    bad('settings must be an object');
    return { config, diagnostics };
  }
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'output') {
      if (typeof v === 'string' && OUTPUTS.includes(v)) config.output = v as ToolConfig['output'];
      else bad(`output must be one of ${OUTPUTS.join(', ')}`);
    } else if (k === 'color') {
      if (typeof v === 'string' && COLORS.includes(v)) config.color = v as ToolConfig['color'];
      else bad(`color must be one of ${COLORS.join(', ')}`);
    } else if (k === 'concurrency') {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 64) config.concurrency = v;
      else bad('concurrency must be an integer from 1 to 64');
    } else if (k === 'profile') {
      if (typeof v === 'string' && v !== '') config.profile = v;
      else bad('profile must be a non-empty string');
    } else {
      const near = closest(k, ['output', 'color', 'concurrency', 'profile']);
      bad(`unknown setting "${k}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}`);
    }
  }
  return { config, diagnostics };
}

/** Searches for the settings file from `cwd` upwards (I/O through cosmiconfig). */
export async function readToolConfig(cwd: string): Promise<{ config: ToolConfig; diagnostics: Diagnostic[] }> {
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('jobs', {
    searchStrategy: 'global',
    searchPlaces: [
      'package.json',
      '.jobsrc',
      '.jobsrc.json',
      '.jobsrc.yaml',
      '.jobsrc.yml',
      '.jobsrc.js',
      '.jobsrc.mjs',
      'jobs.config.js',
      'jobs.config.mjs',
      'jobs.config.json',
    ],
  });
  try {
    const found = await explorer.search(cwd);
    if (!found || found.isEmpty) return { config: {}, diagnostics: [] };
    return parseToolConfig(found.config, found.filepath);
  } catch (err) {
    return { config: {}, diagnostics: [diag('error', 'config/invalid', `cannot read tool settings: ${(err as Error).message}`)] };
  }
}
