import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSegment } from '../src/encode.js';

/** RFC 3986 by the bytes: each UTF-8 byte outside A–Z a–z 0–9 - _ . ~ becomes %XX (upper case). */
function byBytes(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

describe('encodeSegment', () => {
  it('leaves a UUID task id as it is', () => {
    expect(encodeSegment('7a9a9540-ff28-4869-b9e4-855fbe12xxxx')).toBe('7a9a9540-ff28-4869-b9e4-855fbe12xxxx');
  });

  it("encodes what encodeURIComponent leaves alone: ! ' ( ) *", () => {
    expect(encodeSegment("a!b'c(d)e*f")).toBe('a%21b%27c%28d%29e%2Af');
  });

  it('encodes separators, spaces, percent signs and non-ASCII as UTF-8 bytes', () => {
    expect(encodeSegment('a/../b?c#d %é😀')).toBe('a%2F..%2Fb%3Fc%23d%20%25%C3%A9%F0%9F%98%80');
  });

  it('agrees with a byte-by-byte RFC 3986 encoder for any string', () => {
    // Both the short path (nothing to encode) and the full one are drawn: ASCII-only ids, and any Unicode.
    const ids = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~') }),
      fc.string({ unit: 'grapheme' }),
      fc.string(),
    );
    fc.assert(
      fc.property(ids, (s) => encodeSegment(s) === byBytes(s)),
      { numRuns: 2_000 },
    );
  });
});
