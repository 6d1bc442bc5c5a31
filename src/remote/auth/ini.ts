/**
 * The `~/.databrickscfg` format: INI sections of `key = value`, `#`/`;` comments, a `[DEFAULT]`
 * section. Pure.
 */
export type IniSections = Map<string, Record<string, string>>;

export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section) {
      const name = section[1] as string;
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    // Keys before any section belong to DEFAULT, as go-ini treats them.
    if (!current) {
      current = sections.get('DEFAULT') ?? {};
      sections.set('DEFAULT', current);
    }
    current[line.slice(0, eq).trim()] = unquote(line.slice(eq + 1).trim());
  }
  return sections;
}

function unquote(v: string): string {
  return v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) ? v.slice(1, -1) : v;
}
