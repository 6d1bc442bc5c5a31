/**
 * Wire types shared by every service: the error body and small helpers. Ids are `Int64`
 * (json.ts) everywhere: a number when exact, a bigint past 2^53.
 */
import type { Int64 } from './json.js';

export type { Int64 };

/** `details[]` entries of an error body (google.rpc types). */
export interface ErrorDetail {
  '@type': string;
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
  request_id?: string;
  serving_data?: string;
}

/** The error body every Databricks REST service returns (SCIM and API 1.2 shapes tolerated). */
export interface ErrorBody {
  error_code?: string | number;
  message?: string;
  details?: ErrorDetail[];
  /** API 1.2 */
  error?: string;
  /** SCIM */
  detail?: string;
  status?: string;
  scimType?: string;
}

/** Endpoints with no response type answer `{}`. */
export type Empty = Record<string, never>;
