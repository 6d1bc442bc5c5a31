import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../source/parse-yaml.js';
import { jobViews } from '../check.js';
import { matchesSchema } from './matches-schema.js';

describe('matchesSchema', () => {
  it('reports schema findings of the whole configuration', () => {
    const parsed = parseYamlText('/b/databricks.yml', 'bundle: {name: b}\nresources:\n  jobs:\n    etl:\n      tasks:\n        - task_key: a\n          run_if: SOMETIMES\n');
    const config = parsed.value as Record<string, unknown>;
    expect(matchesSchema({ config, jobs: jobViews(config) }).map((d) => [d.code, d.span?.start.line])).toEqual([['schema/enum', 7]]);
  });
});
