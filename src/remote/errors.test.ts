import { describe, expect, it } from 'vitest';
import { ApiError, isNotFound, parseErrorBody, RetriesExhaustedError } from './errors.js';

const err = (status: number, errorCode: string | undefined, message: string) => new ApiError({ status, method: 'GET', path: '/api/2.2/jobs/get', errorCode, message });

describe('errors', () => {
  it('reads the error body shapes workspaces use', () => {
    expect(parseErrorBody(404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Job 1 does not exist.","details":[{"@type":"type.googleapis.com/google.rpc.RequestInfo","request_id":"r-1"}]}'))
      .toEqual({ errorCode: 'RESOURCE_DOES_NOT_EXIST', message: 'Job 1 does not exist.', requestId: 'r-1' });
    expect(parseErrorBody(400, '{"error_code":400,"message":"legacy integer code"}')).toEqual({ errorCode: '400', message: 'legacy integer code' });
    expect(parseErrorBody(500, '{"error":"API 1.2 style"}')).toEqual({ message: 'API 1.2 style' });
    expect(parseErrorBody(404, '{"detail":"User not found","status":"404","scimType":"invalidValue"}')).toEqual({ errorCode: 'invalidValue', message: 'User not found' });
    expect(parseErrorBody(502, '<html><body><h1>502 Bad Gateway</h1></body></html>')).toEqual({ message: '502 Bad Gateway' });
    expect(parseErrorBody(401, '')).toEqual({ message: 'HTTP 401 with an empty body' });
  });

  it('treats 404 and the legacy 400 "does not exist" as not found, through retries too', () => {
    expect(isNotFound(err(404, 'RESOURCE_DOES_NOT_EXIST', 'Job 1 does not exist.'))).toBe(true);
    expect(isNotFound(err(400, 'INVALID_PARAMETER_VALUE', 'Job 1 does not exist.'))).toBe(true);
    expect(isNotFound(err(400, 'INVALID_PARAMETER_VALUE', 'Run 7 does not exist'))).toBe(true);
    expect(isNotFound(err(400, 'INVALID_PARAMETER_VALUE', 'Missing required field: job_id'))).toBe(false);
    expect(isNotFound(new RetriesExhaustedError(3, 1000, err(404, undefined, 'gone')))).toBe(true);
  });

  it('says where the credentials came from on 401/403', () => {
    const e = new ApiError({ status: 401, method: 'GET', path: '/p', message: 'Unauthorized', authSource: 'profile [prod] in ~/.databrickscfg', host: 'https://x' });
    expect(e.code).toBe('remote/auth-failed');
    expect(e.message).toMatch(/credentials from profile \[prod\] in ~\/\.databrickscfg for https:\/\/x/);
  });
});
