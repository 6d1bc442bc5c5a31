import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaults } from './faults.js';

describe('parseFaults', () => {
  it('applies latency, first-N statuses with Retry-After, and wildcards', () => {
    const f = parseFaults('jobs/get:latency=50ms;jobs/list:429x2,retry-after=3;workspace/*:drop');
    expect(f.decide('jobs/get')).toEqual({ latencyMs: 50 });
    expect(f.decide('jobs/list')).toEqual({ latencyMs: 0, status: 429, retryAfter: 3 });
    expect(f.decide('jobs/list')).toEqual({ latencyMs: 0, status: 429, retryAfter: 3 });
    expect(f.decide('jobs/list')).toEqual({ latencyMs: 0 });
    expect(f.decide('workspace/mkdirs')).toEqual({ latencyMs: 0, drop: 'before' });
    expect(f.decide('jobs/create')).toEqual({ latencyMs: 0 });
  });

  it('is repeatable for a seed and roughly honours the rate', () => {
    const once = (seed: number) => {
      const f = parseFaults('*:503@0.25', seed);
      return Array.from({ length: 400 }, () => f.decide('jobs/get').status ?? 0);
    };
    expect(once(9)).toEqual(once(9));
    expect(once(9)).not.toEqual(once(10));
    const hits = once(9).filter((s) => s === 503).length;
    expect(hits).toBeGreaterThan(60);
    expect(hits).toBeLessThan(140);
  });

  it('rejects what it does not understand', () => {
    for (const bad of ['jobs/get', 'jobs/get:teapot', 'jobs/get:503@2', 'jobs/get:latency=fast']) expect(() => parseFaults(bad)).toThrow(FaultSpecError);
  });
});
