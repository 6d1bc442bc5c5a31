import { describe, expect, it } from 'vitest';
import { deployedJobIds, newerState, parseDeploymentState } from './state-format.js';

const text = '{"state_version":1,"cli_version":"x","lineage":"L","serial":3,"state":{"resources.jobs.etl":{"__id__":"9223372036854775807","state":{"name":"etl"}}}}';

describe('deployment state', () => {
  it('parses the reference format and maps keys to ids', () => {
    const s = parseDeploymentState(text)!;
    expect(deployedJobIds(s)).toEqual(new Map([['etl', '9223372036854775807']]));
  });
  it('rejects what is not a state file', () => {
    expect(parseDeploymentState('[1]')).toBeUndefined();
    expect(parseDeploymentState('{"lineage":"L","serial":1,"state":{"x":{}}}')).toBeUndefined();
    expect(parseDeploymentState('not json')).toBeUndefined();
  });
  it('trusts the higher serial of one lineage', () => {
    const a = parseDeploymentState(text)!;
    const b = { ...a, serial: 4 };
    expect(newerState(a, b)).toBe(b);
    expect(newerState(b, a)).toBe(b);
  });
});
