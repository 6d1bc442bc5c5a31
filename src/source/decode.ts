/**
 * Bytes → text, with the guards for hostile input that must never reach the YAML parser:
 * huge files, binary content and invalid UTF-8 each become a clear diagnostic.
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';

/** Default ceiling on a single bundle file. Real bundles are kilobytes; the benchmark is 2 MB. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface DecodeResult {
  text?: string;
  diagnostics: Diagnostic[];
}

/** Decodes a bundle file; `text` is undefined when the file must not be parsed. */
export function decodeBundleFile(path: string, bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): DecodeResult {
  const span = { file: path, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  if (bytes.byteLength > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return {
      diagnostics: [
        diag('error', 'yaml/too-large', `file is ${mb(bytes.byteLength)}, above the ${mb(maxBytes)} limit`, {
          span,
          detail: 'Bundle files are configuration; split very large generated files or check that the right file is included.',
        }),
      ],
    };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    return {
      diagnostics: [
        diag('error', 'yaml/binary', 'file is binary, not YAML or JSON text', {
          span,
          detail: 'It contains NUL bytes. Check the include patterns: only .yml, .yaml and .json files belong there.',
        }),
      ],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      diagnostics: [
        diag('error', 'yaml/binary', 'file is not valid UTF-8 text', {
          span,
          detail: 'Save the file as UTF-8 (YAML and JSON files must be Unicode text).',
        }),
      ],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, diagnostics: [] };
}
