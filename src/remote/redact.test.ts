import { describe, expect, it } from 'vitest';
import { redactBody, redactPath, redactText } from './redact.js';

describe('redaction', () => {
  it('masks known secrets anywhere and secret-looking fields, not page tokens', () => {
    expect(redactText('Bearer dapi123456 and dapi123456', ['dapi123456'])).toBe('Bearer *** and ***');
    expect(redactPath('/oidc?client_secret=abc&page_token=p1', [])).toBe('/oidc?client_secret=***&page_token=p1');
    expect(redactBody('{"name":"x","token":"t0psecret","nested":{"client_secret":"s"},"idempotency_token":"i"}', [])).toBe(
      '{"name":"x","token":"***","nested":{"client_secret":"***"},"idempotency_token":"i"}',
    );
    expect(redactBody('grant_type=x&subject_token=jwt&client_id=c', [])).toBe('grant_type=x&subject_token=***&client_id=c');
    expect(redactBody('x'.repeat(3000), [], 100)).toMatch(/… \(2900 more chars\)$/);
  });
});
