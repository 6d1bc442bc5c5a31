/**
 * Workspace endpoints (jobs-api-2.2.md §5): mkdirs, import (JSON or multipart), import-file,
 * export, get-status, list, delete. Objects are keyed by canonical path; responses echo the
 * client's spelling. Contents live in the blob store; metadata in the journal.
 */
import type { ImportFormat, Language, ObjectInfo } from '../../api/workspace.js';
import { IMPORT_FORMATS, LANGUAGES } from '../../api/workspace.js';
import type { Op, State, WsObject } from '../store/model.js';
import { parseMultipart } from '../workspace/multipart.js';
import { detectNotebook, EXTENSION_OF } from '../workspace/notebooks.js';
import { ancestors, baseName, canonicalPath, childPath, echoPath, parentOf } from '../workspace/paths.js';
import { allocateIds, type WorkspaceContext } from './context.js';
import { alreadyExists, ApiFailure, invalid, notFound } from './failure.js';
import type { HandlerRequest, RawResult } from './handler.js';
import { fromQuery, optionalBool, requiredString } from './request.js';

const MAX_SIZE = 10 * 1024 * 1024;
const missing = (echo: string): ApiFailure => notFound(`Path (${echo}) doesn't exist.`);

function info(echo: string, o: WsObject): ObjectInfo {
  return {
    object_type: o.object_type, path: echo, object_id: o.object_id, resource_id: String(o.object_id),
    ...(o.language ? { language: o.language } : {}), created_at: o.created_at, modified_at: o.modified_at,
    ...(o.object_type === 'FILE' ? { size: o.size ?? 0 } : {}),
  };
}

function lookup(state: State, path: string): WsObject | undefined {
  return path === '/' ? ROOT : state.ws.get(path);
}
const ROOT: WsObject = { object_type: 'DIRECTORY', object_id: 0, created_at: 0, modified_at: 0 };

/** Ops creating every missing directory up to and including `path` (mkdir -p). */
export function mkdirOps(ctx: WorkspaceContext, state: State, path: string, echo: string): Op[] {
  const ids = allocateIds(ctx, state);
  const ops: Op[] = [];
  for (const dir of [...ancestors(path), path]) {
    const existing = lookup(state, dir);
    if (existing && existing.object_type !== 'DIRECTORY' && existing.object_type !== 'REPO')
      throw alreadyExists(`Cannot create directory ${echo}: ${dir} is a ${existing.object_type.toLowerCase()}.`);
    if (!existing && dir !== '/') {
      const now = ctx.now();
      ops.push({ op: 'ws.put', path: dir, obj: { object_type: 'DIRECTORY', object_id: ids.object(), created_at: now, modified_at: now } });
    }
  }
  return ops.length > 0 ? [{ op: 'counters', counters: ids.counters() }, ...ops] : [];
}

export function mkdirs(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  const echo = echoPath(requiredString(req.body.path, 'path'));
  const path = canonicalPath(echo);
  return ctx.store.mutate((state) => ({ ops: mkdirOps(ctx, state, path, echo), result: {} }));
}

interface ImportInput {
  echo: string;
  content: Buffer;
  format: ImportFormat;
  language?: Language;
  overwrite: boolean;
}

function readImport(req: HandlerRequest): ImportInput {
  const type = req.headers['content-type'] ?? '';
  let fields: Record<string, unknown> = req.body;
  let content: Buffer | undefined;
  if (type.startsWith('multipart/form-data')) {
    const parts = parseMultipart(req.rawBody, type);
    if (!parts) throw invalid('Malformed multipart body.');
    fields = Object.fromEntries(parts.filter((p) => p.filename === undefined && p.name !== 'content').map((p) => [p.name, p.data.toString('utf8')]));
    content = parts.find((p) => p.name === 'content')?.data;
  } else if (typeof fields.content === 'string') content = Buffer.from(fields.content, 'base64');
  const format = (fields.format ?? 'SOURCE') as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) throw invalid(`Invalid format: ${String(format)}. Expected one of ${IMPORT_FORMATS.join(', ')}.`);
  const language = fields.language as Language | undefined;
  if (language !== undefined && !LANGUAGES.includes(language)) throw invalid(`Invalid language: ${String(language)}.`);
  return { echo: echoPath(requiredString(fields.path, 'path')), content: content ?? Buffer.alloc(0), format, language, overwrite: optionalBool(fields.overwrite, 'overwrite') ?? false };
}

/** What an import creates: a notebook (path without extension) or a file. */
function classify(input: ImportInput): { path: string; echo: string; type: 'NOTEBOOK' | 'FILE'; language?: Language; ext?: string } {
  const path = canonicalPath(input.echo);
  if (input.format === 'RAW') return { path, echo: input.echo, type: 'FILE' };
  if (input.format === 'HTML' || input.format === 'DBC' || input.format === 'R_MARKDOWN')
    throw invalid(`Import format ${input.format} is not supported by the local workspace.`);
  const guess = detectNotebook(input.echo, input.content);
  if (input.format === 'AUTO') {
    return guess ? { path: canonicalPath(guess.path), echo: guess.path, type: 'NOTEBOOK', language: guess.language, ext: guess.ext } : { path, echo: input.echo, type: 'FILE' };
  }
  if (input.format === 'JUPYTER') return { path: guess?.ext === 'ipynb' ? canonicalPath(guess.path) : path, echo: guess?.ext === 'ipynb' ? guess.path : input.echo, type: 'NOTEBOOK', language: 'PYTHON', ext: 'ipynb' };
  const language = input.language ?? guess?.language;
  if (!language) throw invalid('The language field is required when importing a single notebook in SOURCE format.');
  return { path, echo: input.echo, type: 'NOTEBOOK', language, ext: EXTENSION_OF[language] };
}

async function writeObject(ctx: WorkspaceContext, input: ImportInput, fileConflictStatus: number): Promise<object> {
  if (input.content.length > MAX_SIZE) throw new ApiFailure(400, 'MAX_NOTEBOOK_SIZE_EXCEEDED', `File size exceeds the 10 MB limit: ${input.content.length} bytes.`);
  const target = classify(input);
  return ctx.store.mutate(async (state) => {
    const parent = parentOf(target.path);
    const parentObj = lookup(state, parent);
    if (!parentObj || parentObj.object_type !== 'DIRECTORY') throw notFound(`The parent folder (${parentOf(target.echo)}) does not exist.`);
    const existing = state.ws.get(target.path);
    if (existing?.object_type === 'DIRECTORY') throw alreadyExists(`Path (${target.echo}) already exists as a directory.`);
    if (existing && !input.overwrite) {
      throw existing.object_type === 'FILE'
        ? alreadyExists(`File already exists at (${target.echo}).`, fileConflictStatus)
        : alreadyExists(`Path (${target.echo}) already exists.`);
    }
    const blob = await ctx.store.putBlob(input.content);
    const ids = allocateIds(ctx, state);
    const now = ctx.now();
    const obj: WsObject = {
      object_type: target.type, object_id: existing?.object_id ?? ids.object(), created_at: existing?.created_at ?? now, modified_at: now, size: input.content.length, blob,
      ...(target.language ? { language: target.language } : {}), ...(target.ext ? { source_ext: target.ext } : {}),
    };
    return { ops: [{ op: 'counters', counters: ids.counters() }, { op: 'ws.put', path: target.path, obj }], result: {} };
  });
}

export function importObject(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  return writeObject(ctx, readImport(req), 400);
}

/** workspace-files/import-file/{path}: the path may arrive without its leading `/`. */
export function importFile(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  const raw = req.params.path ?? '';
  const echo = echoPath(raw.startsWith('/') ? raw : `/${raw}`);
  const overwrite = optionalBool(req.query.get('overwrite') ?? undefined, 'overwrite') ?? false;
  return writeObject(ctx, { echo, content: req.rawBody, format: 'AUTO', overwrite }, 409);
}

export function getStatus(ctx: WorkspaceContext, req: HandlerRequest): ObjectInfo {
  const echo = echoPath(requiredString(fromQuery(req.query).path, 'path'));
  const obj = lookup(ctx.store.state, canonicalPath(echo));
  if (!obj) throw missing(echo);
  return info(echo, obj);
}

export function list(ctx: WorkspaceContext, req: HandlerRequest): { objects?: ObjectInfo[] } {
  const echo = echoPath(requiredString(fromQuery(req.query).path, 'path'));
  const path = canonicalPath(echo);
  const obj = lookup(ctx.store.state, path);
  if (!obj) throw missing(echo);
  if (obj.object_type !== 'DIRECTORY') return { objects: [info(echo, obj)] };
  const objects = [...ctx.store.state.ws]
    .filter(([p]) => p !== path && parentOf(p) === path)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, o]) => info(childPath(echo, baseName(p)), o));
  return objects.length > 0 ? { objects } : {};
}

export function remove(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  const echo = echoPath(requiredString(req.body.path, 'path'));
  const path = canonicalPath(echo);
  const recursive = optionalBool(req.body.recursive, 'recursive') ?? false;
  return ctx.store.mutate((state) => {
    if (path === '/') throw invalid('Cannot delete the workspace root.');
    if (!state.ws.has(path)) throw missing(echo);
    const below = [...state.ws.keys()].filter((p) => p.startsWith(`${path}/`));
    if (below.length > 0 && !recursive) throw new ApiFailure(400, 'DIRECTORY_NOT_EMPTY', `Folder (${echo}) is not empty.`);
    const ops: Op[] = [...below, path].map((p) => ({ op: 'ws.del', path: p }));
    return { ops, result: {} };
  });
}

export async function exportObject(ctx: WorkspaceContext, req: HandlerRequest): Promise<RawResult | { content: string; file_type?: string }> {
  const q = fromQuery(req.query);
  const echo = echoPath(requiredString(q.path, 'path'));
  const obj = lookup(ctx.store.state, canonicalPath(echo));
  if (!obj) throw missing(echo);
  const format = (q.format ?? 'SOURCE') as string;
  if (!['SOURCE', 'AUTO', 'RAW', 'JUPYTER'].includes(format)) throw invalid(`Export format ${format} is not supported by the local workspace.`);
  if (obj.object_type === 'DIRECTORY') throw invalid(`Exporting a directory (${echo}) is not supported by the local workspace.`);
  // The object may be deleted (and its blob collected) while we read: then it is missing.
  const content = obj.blob ? await ctx.store.readBlob(obj.blob).catch(() => { throw missing(echo); }) : Buffer.alloc(0);
  if (content.length > MAX_SIZE) throw new ApiFailure(400, 'MAX_NOTEBOOK_SIZE_EXCEEDED', `Export size exceeds the 10 MB limit.`);
  if (optionalBool(q.direct_download, 'direct_download')) return { raw: content, contentType: 'application/octet-stream' };
  const ext = obj.source_ext ?? (/\.([A-Za-z0-9]+)$/.exec(echo)?.[1] ?? undefined);
  return { content: content.toString('base64'), ...(ext ? { file_type: ext } : {}) };
}
