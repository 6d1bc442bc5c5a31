/**
 * The append-only journal: one line per committed mutation, `<crc32 hex> <json>\n`, where the
 * JSON is `{seq, ops}`. A record is durable once `datasync` returns; only then is it applied in
 * memory and answered. On open the journal is replayed after the snapshot; the first line that
 * is incomplete or fails its checksum ends the replay and the file is cut there. With fsync per
 * record only the last line can be torn by a `kill -9` or power loss, and it was never
 * acknowledged, so dropping it loses nothing a client was told had happened.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { parseJson, stringifyJson } from '../../api/json.js';
import type { Op } from './model.js';
import { isErrno } from './files.js';

export interface JournalRecord {
  seq: number;
  ops: Op[];
}

export interface Replay {
  records: JournalRecord[];
  /** Byte length of the valid prefix. */
  validBytes: number;
  /** Set when a torn or corrupt tail was cut off. */
  truncatedBytes: number;
}

export function encodeRecord(record: JournalRecord): string {
  const json = stringifyJson(record);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** Parses journal bytes into records up to the first invalid line. Pure. */
export function decodeJournal(bytes: Buffer): Replay {
  const records: JournalRecord[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const nl = bytes.indexOf(0x0a, offset);
    if (nl < 0) break;
    const line = bytes.subarray(offset, nl).toString('utf8');
    const record = decodeLine(line);
    if (!record) break;
    records.push(record);
    offset = nl + 1;
  }
  return { records, validBytes: offset, truncatedBytes: bytes.length - offset };
}

function decodeLine(line: string): JournalRecord | undefined {
  const space = line.indexOf(' ');
  if (space !== 8) return undefined;
  const json = line.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) return undefined;
  try {
    const value = parseJson(json) as JournalRecord;
    return typeof value.seq === 'number' && Array.isArray(value.ops) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An open journal file, appended to under the store's mutex. */
export class Journal {
  private constructor(
    private readonly fh: FileHandle,
    private size: number,
  ) {}

  /** Opens (creating) the journal, returns its valid records and cuts any torn tail. */
  static async open(path: string): Promise<{ journal: Journal; replay: Replay }> {
    let bytes: Buffer;
    try {
      const rh = await open(path, 'r');
      try {
        bytes = await rh.readFile();
      } finally {
        await rh.close();
      }
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
      bytes = Buffer.alloc(0);
    }
    const replay = decodeJournal(bytes);
    const fh = await open(path, 'a+');
    if (replay.truncatedBytes > 0) {
      await fh.truncate(replay.validBytes);
      await fh.sync();
    }
    return { journal: new Journal(fh, replay.validBytes), replay };
  }

  get bytes(): number {
    return this.size;
  }

  async append(record: JournalRecord): Promise<void> {
    const line = Buffer.from(encodeRecord(record), 'utf8');
    await this.fh.write(line, 0, line.length, null);
    await this.fh.datasync();
    this.size += line.length;
  }

  /** Empties the journal once a snapshot covers every record in it. */
  async reset(): Promise<void> {
    await this.fh.truncate(0);
    await this.fh.sync();
    this.size = 0;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
