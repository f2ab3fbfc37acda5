/** Percent-encodes everything but A–Z a–z 0–9 - _ . ~ (UTF-8): RFC 3986, like the official signer. */
export const encodeSegment = (s: string) =>
  // Task ids are nearly always UUIDs, with nothing to encode: skip the encoding and the replace.
  UNRESERVED.test(s)
    ? s
    : encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const UNRESERVED = /^[\w.~-]*$/;
