/**
 * Reads the edges back out of an ASCII graph drawing, the way a person would: from each box,
 * follow its exit lines down; at a junction `+` on a bus, walk the bus both ways (through `|`
 * crossings) and go down every drop that leaves it; an arrow `v` enters the box below it.
 * Flow only goes down, so a bus carries its sources to its targets and nothing else. Tests use
 * it to check that what the picture says is exactly the job's dependencies.
 */
interface Box {
  key: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function findBoxes(lines: string[]): Box[] {
  const boxes: Box[] = [];
  lines.forEach((line, row) => {
    for (const m of line.matchAll(/\| ([\w-]+) +\|/g)) {
      const left = m.index;
      const right = left + m[0].length - 1;
      // A label row sits right under a top border that starts at the same column.
      if (lines[row - 1]?.[left] !== '+' || lines[row - 1]?.[left + 1] !== '-') continue;
      let bottom = row + 1;
      while (bottom < lines.length && !(lines[bottom]![left] === '+' && lines[bottom]![left + 1] === '-')) bottom++;
      boxes.push({ key: m[1]!, left, right, top: row - 1, bottom });
    }
  });
  return boxes;
}

export function traceAsciiEdges(drawing: string): Map<string, Set<string>> {
  const lines = drawing.split('\n');
  const at = (r: number, c: number) => lines[r]?.[c] ?? ' ';
  const boxes = findBoxes(lines);
  const boxAt = (r: number, c: number) => boxes.find((b) => b.top === r && b.left <= c && c <= b.right);
  const out = new Map<string, Set<string>>();
  for (const box of boxes) {
    const reached = new Set<string>();
    const seen = new Set<string>();
    const down = (r: number, c: number): void => {
      for (;;) {
        const id = `${r},${c}`;
        if (seen.has(id)) return;
        seen.add(id);
        const ch = at(r, c);
        if (ch === 'v') {
          const target = boxAt(r + 1, c);
          if (target) reached.add(target.key);
          return;
        }
        if (ch === '+') return bus(r, c);
        if (ch !== '|') return;
        r++;
      }
    };
    const bus = (r: number, c0: number): void => {
      for (const step of [-1, 1]) {
        for (let c = c0; ; c += step) {
          const ch = at(r, c);
          if (ch !== '-' && ch !== '+' && ch !== '|') break;
          // Whatever leaves a junction downwards carries the bus on (a drop, an arrow, or a
          // line running on into another bus).
          if (ch === '+' && '|v+'.includes(at(r + 1, c))) down(r + 1, c);
        }
      }
    };
    for (let c = box.left; c <= box.right; c++) if (at(box.bottom + 1, c) === '|') down(box.bottom + 1, c);
    out.set(box.key, reached);
  }
  return out;
}
