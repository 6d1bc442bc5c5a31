/**
 * SARIF 2.1.0, for code-scanning dashboards. Rules come from the code registry so every
 * result links to a stable rule id with its description.
 */
import { CODES, type DiagCode } from '../../diag/codes.js';
import type { DiagnosticReport, JsonLocation } from './report.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

function region(l: JsonLocation) {
  return { startLine: l.line, startColumn: l.column, endLine: l.end_line, endColumn: l.end_column };
}

function physical(l: JsonLocation, prefix: string) {
  return { physicalLocation: { artifactLocation: { uri: prefix + l.file, uriBaseId: '%SRCROOT%' }, region: region(l) } };
}

export function renderSarif(report: DiagnosticReport, version: string, prefix = ''): string {
  const used = [...new Set(report.diagnostics.map((d) => d.code))].sort();
  const log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'jobs-as-code',
            version,
            informationUri: 'https://www.npmjs.com/package/jobs-as-code',
            rules: used.map((id) => ({ id, shortDescription: { text: CODES[id as DiagCode] ?? id } })),
          },
        },
        results: report.diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: used.indexOf(d.code),
          level: LEVEL[d.severity],
          message: { text: [d.summary, d.detail].filter(Boolean).join('\n') },
          ...(d.location ? { locations: [physical(d.location, prefix)] } : {}),
          ...(d.related?.length ? { relatedLocations: d.related.map((r, i) => ({ id: i, message: { text: r.message }, ...physical(r.location, prefix) })) } : {}),
          ...(d.path ? { properties: { configPath: d.path } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
