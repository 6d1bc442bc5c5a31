/**
 * The embedded workspace's durable store.
 *
 * Layout of a data directory:
 *   server.lock    the running server's pid (lock.ts)
 *   state.json     a snapshot `{format, seq, state}`, replaced atomically (temp + fsync + rename)
 *   journal.log    committed mutations after the snapshot (journal.ts), fsync'd per record
 *   blobs/<sha256> file and notebook contents, written atomically before the record naming them
 *
 * Why a journal and not one atomic file per write: a deploy makes dozens of small writes and a
 * run many state changes; appending one checksummed line and fsyncing it is cheap and a torn tail
 * is detectable. Opening replays the snapshot plus the journal; when the journal grows past a
 * threshold it is folded into a new snapshot (records with `seq <= snapshot.seq` are skipped, so
 * a crash between the snapshot's rename and the journal's truncation is harmless) and
 * unreferenced blobs are collected.
 *
 * Mutations are serialised: `mutate(fn)` runs `fn` against the current state under a mutex,
 * makes its ops durable, then applies them in memory. Reads are synchronous on the in-memory
 * state, so a reader never sees a change that is not yet on disk.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJson, stringifyJson } from '../../api/json.js';
import { Journal } from './journal.js';
import { applyOps, emptyState, fromSnapshot, toSnapshot, type Op, type Snapshot, type State } from './model.js';
import { isErrno, writeFileAtomic } from './files.js';

export interface StoreOptions {
  /** Where to keep the data; omit for a memory-only store (tests, throwaway servers). */
  dataDir?: string;
  /** Fold the journal into a snapshot past this size (default 8 MiB). */
  compactAfterBytes?: number;
  warn?: (message: string) => void;
}

export class Store {
  private queue: Promise<unknown> = Promise.resolve();
  private seq: number;
  private readonly memoryBlobs = new Map<string, Buffer>();

  private constructor(
    readonly state: State,
    seq: number,
    private readonly dataDir: string | undefined,
    private readonly journal: Journal | undefined,
    private readonly compactAfterBytes: number,
  ) {
    this.seq = seq;
  }

  static async open(options: StoreOptions = {}): Promise<Store> {
    const compactAfter = options.compactAfterBytes ?? 8 * 1024 * 1024;
    if (options.dataDir === undefined) return new Store(emptyState(), 0, undefined, undefined, compactAfter);
    const dir = options.dataDir;
    await mkdir(join(dir, 'blobs'), { recursive: true });
    const snap = await readSnapshot(join(dir, 'state.json'));
    const state = snap ? fromSnapshot(snap.state) : emptyState();
    let seq = snap?.seq ?? 0;
    const { journal, replay } = await Journal.open(join(dir, 'journal.log'));
    if (replay.truncatedBytes > 0)
      options.warn?.(`journal: dropped ${replay.truncatedBytes} bytes of an incomplete last write (never acknowledged)`);
    for (const record of replay.records) {
      if (record.seq <= seq) continue;
      applyOps(state, record.ops);
      seq = record.seq;
    }
    return new Store(state, seq, dir, journal, compactAfter);
  }

  /** Runs `fn` alone, makes the ops it returns durable, applies them, and returns its result. */
  mutate<T>(fn: (state: State) => Promise<{ ops: Op[]; result: T }> | { ops: Op[]; result: T }): Promise<T> {
    const next = this.queue.then(async () => {
      const { ops, result } = await fn(this.state);
      if (ops.length > 0) await this.commit(ops);
      return result;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async commit(ops: Op[]): Promise<void> {
    const seq = this.seq + 1;
    if (this.journal) await this.journal.append({ seq, ops });
    this.seq = seq;
    applyOps(this.state, ops);
    if (this.journal && this.journal.bytes > this.compactAfterBytes) await this.compact();
  }

  /** Folds the journal into a fresh snapshot. Runs inside the mutex. */
  private async compact(): Promise<void> {
    if (!this.dataDir || !this.journal) return;
    await writeFileAtomic(join(this.dataDir, 'state.json'), stringifyJson({ format: 1, seq: this.seq, state: toSnapshot(this.state) }));
    await this.journal.reset();
    await this.collectBlobs();
  }

  private async collectBlobs(): Promise<void> {
    if (!this.dataDir) return;
    const live = new Set([...this.state.ws.values()].map((o) => o.blob).filter((b) => b !== undefined));
    for (const name of await readdir(join(this.dataDir, 'blobs'))) {
      if (!live.has(name)) await rm(join(this.dataDir, 'blobs', name), { force: true });
    }
  }

  /** Stores content and returns its sha256; call inside `mutate` before the op that names it. */
  async putBlob(bytes: Uint8Array): Promise<string> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (!this.dataDir) {
      this.memoryBlobs.set(sha, Buffer.from(bytes));
      return sha;
    }
    await writeFileAtomic(join(this.dataDir, 'blobs', sha), bytes);
    return sha;
  }

  async readBlob(sha: string): Promise<Buffer> {
    if (!this.dataDir) return this.memoryBlobs.get(sha) ?? Buffer.alloc(0);
    return readFile(join(this.dataDir, 'blobs', sha));
  }

  /** Waits for pending mutations, then closes the journal. */
  async close(): Promise<void> {
    await this.queue;
    await this.journal?.close();
  }
}

async function readSnapshot(path: string): Promise<{ seq: number; state: Snapshot } | undefined> {
  try {
    return parseJson(await readFile(path, 'utf8')) as { seq: number; state: Snapshot };
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}
