/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
 * finding, which GitHub shows on the pull request's changed lines.
 */
import type { DiagnosticReport } from './report.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `prefix` turns root-relative files into repository-relative ones (GITHUB_WORKSPACE). */
export function renderGithub(report: DiagnosticReport, prefix = ''): string {
  let out = '';
  for (const d of report.diagnostics) {
    const props: string[] = [];
    if (d.location) {
      props.push(`file=${escapeProp(prefix + d.location.file)}`, `line=${d.location.line}`, `col=${d.location.column}`);
      props.push(`endLine=${d.location.end_line}`, `endColumn=${d.location.end_column}`);
    }
    props.push(`title=${escapeProp(d.code)}`);
    const message = [d.summary, d.path ? `at ${d.path}` : '', d.detail ?? ''].filter(Boolean).join('\n');
    out += `::${LEVEL[d.severity]} ${props.join(',')}::${escapeData(message)}\n`;
  }
  return out;
}
