/**
 * Redaction for debug logs and error messages: secrets never leave the process through them.
 * Known secret values (the token in use, the client secret) are replaced wherever they appear;
 * query parameters and JSON fields whose names look secret are masked as well. Pure.
 */
import { parseJson, stringifyJson } from '../api/json.js';

const SECRET_WORDS = /token|secret|password|assertion|authorization|api[_-]?key|credential/i;
// Names that contain "token" but carry no secret; masking them would only hide useful detail.
const NOT_SECRET = /^(page_token|next_page_token|prev_page_token|idempotency_token|subject_token_type|requested_token_type|token_type)$/i;
const isSecretName = (name: string): boolean => SECRET_WORDS.test(name) && !NOT_SECRET.test(name);
export const MASK = '***';

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(MASK);
  return out;
}

/** Masks secret-looking query parameters of a path (`/x?token=…` → `/x?token=***`). */
export function redactPath(path: string, secrets: readonly string[]): string {
  const q = path.indexOf('?');
  if (q < 0) return redactText(path, secrets);
  const params = new URLSearchParams(path.slice(q + 1));
  for (const key of [...params.keys()]) if (isSecretName(key)) params.set(key, MASK);
  return redactText(`${path.slice(0, q)}?${params.toString()}`, secrets);
}

/** Masks secret-looking fields of a JSON (or form-encoded) body, then truncates it. */
export function redactBody(body: string, secrets: readonly string[], limit = 2000): string {
  let out = body;
  try {
    out = stringifyJson(maskFields(parseJson(body)));
  } catch {
    if (/^[\w.%-]+=/.test(body)) {
      const params = new URLSearchParams(body);
      for (const key of [...params.keys()]) if (isSecretName(key)) params.set(key, MASK);
      out = params.toString();
    }
  }
  out = redactText(out, secrets);
  return out.length > limit ? `${out.slice(0, limit)}… (${out.length - limit} more chars)` : out;
}

function maskFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretName(k) && typeof v === 'string' ? MASK : maskFields(v)]));
}
