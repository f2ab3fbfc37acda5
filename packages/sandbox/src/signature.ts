// What an SDK-HMAC-SHA256 signature covers, rebuilt from a request as it arrived: the method, the
// path as sent (each segment encoded again, a trailing /), the sorted query, each header the
// signature names with its value as sent, and the body's hash; then the string to sign.
import { createHash, createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'SDK-HMAC-SHA256';

export interface ArrivedRequest {
  method: string;
  /** The URL as the client sent it: its path and query are signed as they are. */
  url: string;
  header(name: string): string | null;
  body: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The official signers' encoding: only A–Z a–z 0–9 - _ . ~ stay as they are. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Path and query exactly as they follow the scheme and authority, without the fragment. */
function splitUrl(url: string) {
  const authority = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i.exec(url);
  const rest = (authority ? url.slice(authority[0].length) : url).replace(/#.*$/s, '');
  const mark = rest.indexOf('?');
  return {
    host: authority?.[1] ?? '',
    path: (mark < 0 ? rest : rest.slice(0, mark)) || '/',
    query: mark < 0 ? '' : rest.slice(mark + 1),
  };
}

function canonicalQuery(query: string) {
  const params = new URLSearchParams(query);
  return [...new Set(params.keys())]
    .sort()
    .flatMap((key) =>
      params
        .getAll(key)
        .sort()
        .map((value) => `${encode(key)}=${encode(value)}`),
    )
    .join('&');
}

/**
 * The canonical request over `signedHeaders` (lower-case names, in the signature's order). Host,
 * when the request carries no Host header (an in-process fetch), is the URL's.
 */
export function canonicalRequest(request: ArrivedRequest, signedHeaders: string[]) {
  const { host, path, query } = splitUrl(request.url);
  let uri = path.split('/').map(encode).join('/');
  if (!uri.endsWith('/')) uri += '/';
  const headers = signedHeaders.map((name) => {
    const value = request.header(name) ?? (name === 'host' ? host : '');
    return `${name}:${value}\n`;
  });
  // A signer may leave the body out (X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD) or give its hash.
  const payload = request.header('x-sdk-content-sha256') ?? sha256(request.body);
  return [request.method, uri, canonicalQuery(query), headers.join(''), signedHeaders.join(';'), payload].join('\n');
}

/** Whether `signature` (64 hex digits) is the HMAC of the request with `key`, compared in constant time. */
export function signatureMatches(
  request: ArrivedRequest,
  signed: { date: string; headers: string[]; signature: string },
  key: KeyObject,
) {
  const toSign = `${ALGORITHM}\n${signed.date}\n${sha256(canonicalRequest(request, signed.headers))}`;
  const expected = createHmac('sha256', key).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(signed.signature, 'hex'));
}

/** Equal secrets, compared in constant time whatever their lengths. */
export function sameSecret(given: string, expected: string) {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
