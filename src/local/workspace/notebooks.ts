/**
 * Which imported files become notebooks (jobs-api-2.2.md §5, "Notebook detection"): a source
 * file whose extension and first line mark it as a Databricks notebook, or a `.ipynb`. A notebook
 * is stored without its extension. Pure.
 */
import type { Language } from '../../api/workspace.js';

const SOURCE: Record<string, { language: Language; header: string }> = {
  py: { language: 'PYTHON', header: '# Databricks notebook source' },
  r: { language: 'R', header: '# Databricks notebook source' },
  sql: { language: 'SQL', header: '-- Databricks notebook source' },
  scala: { language: 'SCALA', header: '// Databricks notebook source' },
};

export const EXTENSION_OF: Record<Language, string> = { PYTHON: 'py', R: 'r', SQL: 'sql', SCALA: 'scala' };

export interface NotebookGuess {
  language: Language;
  /** The path with the extension removed. */
  path: string;
  ext: string;
}

export function detectNotebook(path: string, content: Uint8Array): NotebookGuess | undefined {
  const m = /\.([A-Za-z]+)$/.exec(path);
  if (!m) return undefined;
  const ext = (m[1] as string).toLowerCase();
  const stripped = path.slice(0, -m[0].length);
  if (ext === 'ipynb') return { language: 'PYTHON', path: stripped, ext };
  const source = SOURCE[ext];
  if (!source) return undefined;
  const firstLine = Buffer.from(content.subarray(0, 256)).toString('utf8').split(/\r?\n/, 1)[0]?.trim();
  return firstLine === source.header ? { language: source.language, path: stripped, ext } : undefined;
}
