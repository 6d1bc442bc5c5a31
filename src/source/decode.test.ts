import { describe, expect, it } from 'vitest';
import { decodeBundleFile } from './decode.js';

const codes = (bytes: Uint8Array, max?: number) => decodeBundleFile('/b/x.yml', bytes, max).diagnostics.map((d) => d.code);

describe('decodeBundleFile', () => {
  it('decodes UTF-8 text and drops a byte-order mark', () => {
    expect(decodeBundleFile('/b/x.yml', Buffer.from('\uFEFFa: é\n')).text).toBe('a: é\n');
  });
  it('refuses files above the size limit before decoding them', () => {
    expect(codes(new Uint8Array(2048), 1024)).toEqual(['yaml/too-large']);
  });
  it('refuses binary files and invalid UTF-8', () => {
    expect(codes(Uint8Array.from([0x61, 0x00, 0x62]))).toEqual(['yaml/binary']);
    expect(codes(Uint8Array.from([0x61, 0xff, 0xfe, 0x62]))).toEqual(['yaml/binary']);
  });
});
