import { describe, expect, it } from 'vitest';
import { selectTarget } from './targets.js';

describe('selectTarget', () => {
  const config = () => ({ targets: { dev: { default: true }, prod: {} } });

  it('names an unknown target with the reference wording, and suggests the closest one', () => {
    const [d] = selectTarget(config(), { name: 'prd', source: 'flag' }).diagnostics;
    expect(d).toMatchObject({ code: 'target/not-found', summary: 'prd: no such target. Available targets: dev, prod', detail: 'Did you mean "prod"?' });
  });

  it('says when the name came from DATABRICKS_BUNDLE_TARGET', () => {
    const [d] = selectTarget(config(), { name: 'staging', source: 'env' }).diagnostics;
    expect(d!.detail).toBe('The name came from DATABRICKS_BUNDLE_TARGET.');
  });
});
