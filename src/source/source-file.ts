/**
 * A parsed file's text and line index. Locations are kept as offsets while data flows through
 * the pipeline; line and column are computed only when a diagnostic needs them.
 */
import { LineCounter } from 'yaml';
import type { Pos, Span } from '../diag/diagnostic.js';

export class SourceFile {
  readonly lines = new LineCounter();
  constructor(
    /** Absolute path. */
    readonly path: string,
    readonly text: string,
  ) {}

  pos(offset: number): Pos {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col, offset };
  }

  span(start: number, end: number): Span {
    return { file: this.path, start: this.pos(start), end: this.pos(end) };
  }

  /** The full text of the 1-based line `line`, without its newline. */
  lineText(line: number): string {
    const starts = this.lines.lineStarts;
    const from = starts[line - 1];
    if (from === undefined) return '';
    const to = starts[line] ?? this.text.length;
    return this.text.slice(from, to).replace(/\r?\n$/, '');
  }
}
