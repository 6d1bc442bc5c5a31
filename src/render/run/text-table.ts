/**
 * Plain aligned columns for terminal tables (runs list, summaries, the live task table): no
 * borders, two spaces between columns, numbers right-aligned. Widths count code points, and
 * colour is applied after padding so escape codes never skew the alignment. Pure.
 */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Rows of cells → lines (header first), each cell styled by `style(text, row, col)` if given. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], style?: (text: string, row: number, col: number) => string, indent = ''): string[] {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[], row: number): string =>
    indent +
    cells
      .map((cell, i) => {
        const padded = columns[i]?.align === 'right' ? cell.padStart(widths[i]! - width(cell) + cell.length) : cell.padEnd(widths[i]! - width(cell) + cell.length);
        return style && row >= 0 ? style(padded, row, i) : padded;
      })
      .join('  ')
      .replace(/\s+$/, '');
  return [line(columns.map((c) => c.header), -1), ...rows.map((r, i) => line(r, i))];
}

const width = (s: string): number => [...s].length;
