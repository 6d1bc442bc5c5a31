/** Option parsers shared by several commands. Bad values are usage errors (exit 2). */
import { InvalidArgumentError, Option } from 'commander';

/** Collects repeatable `--var name=value` flags. */
export function collectVar(value: string, previous: string[] | undefined): string[] {
  if (!/^[^=]+=/.test(value)) throw new InvalidArgumentError(`expected name=value, got "${value}"`);
  return [...(previous ?? []), value];
}

export function parseVars(list: readonly string[]): { name: string; value: string }[] {
  return list.map((v) => {
    const i = v.indexOf('=');
    return { name: v.slice(0, i), value: v.slice(i + 1) };
  });
}

/** `-o, --output <format>`; the default comes from the tool settings, then `text`. */
export function outputOption(formats: readonly string[]): Option {
  return new Option('-o, --output <format>', `output format (${formats.join(' | ')})`).choices(formats);
}

/** Comma-separated and repeatable (`--select a,b --select c`, `--only a,b`); an empty list is a usage error. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
  return [...(previous ?? []), ...items];
}
