/**
 * What the file system says about local paths a bundle references (I/O), gathered up front so
 * that path translation itself stays pure: existence, kind, and whether a file is a notebook
 * (a `.ipynb`, or a source file whose first line is the `Databricks notebook source` header).
 */
import { extname } from 'node:path';
import type { FileSystem } from '../ports/io.js';

export type NotebookLanguage = 'PYTHON' | 'SQL' | 'SCALA' | 'R' | 'JUPYTER';

export interface PathFacts {
  kind: 'file' | 'directory' | 'missing';
  notebook?: NotebookLanguage;
}

export const NOTEBOOK_EXTENSIONS: Record<string, { language: NotebookLanguage; header?: string }> = {
  '.py': { language: 'PYTHON', header: '# Databricks notebook source' },
  '.sql': { language: 'SQL', header: '-- Databricks notebook source' },
  '.scala': { language: 'SCALA', header: '// Databricks notebook source' },
  '.r': { language: 'R', header: '# Databricks notebook source' },
  '.ipynb': { language: 'JUPYTER' },
};

/** Classifies a file from its name and first bytes (pure). */
export function notebookLanguage(path: string, head: string): NotebookLanguage | undefined {
  const ext = NOTEBOOK_EXTENSIONS[extname(path).toLowerCase()];
  if (!ext) return undefined;
  if (!ext.header) return ext.language;
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.trim();
  return first === ext.header ? ext.language : undefined;
}

export async function readPathFacts(fs: FileSystem, paths: Iterable<string>): Promise<Map<string, PathFacts>> {
  const out = new Map<string, PathFacts>();
  await Promise.all(
    [...new Set(paths)].map(async (p) => {
      out.set(p, await factsOf(fs, p));
    }),
  );
  return out;
}

async function factsOf(fs: FileSystem, path: string): Promise<PathFacts> {
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) return { kind: 'directory' };
    if (!st.isFile()) return { kind: 'missing' };
    if (!NOTEBOOK_EXTENSIONS[extname(path).toLowerCase()]) return { kind: 'file' };
    const bytes = await fs.readFile(path);
    const head = Buffer.from(bytes.subarray(0, 256)).toString('utf8');
    const notebook = notebookLanguage(path, head);
    return notebook ? { kind: 'file', notebook } : { kind: 'file' };
  } catch {
    return { kind: 'missing' };
  }
}
