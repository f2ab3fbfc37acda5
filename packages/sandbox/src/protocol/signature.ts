// What an SDK-HMAC-SHA256 signature covers, rebuilt from a request as it arrived: the method, the
// path as sent (each segment encoded again, a trailing /), the sorted query, each header the
// signature names with its value as sent, and the body's hash; then the string to sign. Web Crypto
// only: the sandbox runs in browsers too (MSW's setupWorker).

export const ALGORITHM = 'SDK-HMAC-SHA256';

export interface ArrivedRequest {
  method: string;
  /** The URL as the client sent it: its path and query are signed as they are. */
  url: string;
  header(name: string): string | null;
  body: string;
}

const encoder = new TextEncoder();
const digest = (text: string) => crypto.subtle.digest('SHA-256', encoder.encode(text));
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

/** Hex SHA-256 of the text's UTF-8 bytes. */
export const sha256 = async (text: string) => hex(await digest(text));

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
export async function canonicalRequest(request: ArrivedRequest, signedHeaders: string[]) {
  const { host, path, query } = splitUrl(request.url);
  let uri = path.split('/').map(encode).join('/');
  if (!uri.endsWith('/')) uri += '/';
  const headers = signedHeaders.map((name) => {
    const value = request.header(name) ?? (name === 'host' ? host : '');
    return `${name}:${value}\n`;
  });
  // A signer may leave the body out (X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD) or give its hash.
  const payload = request.header('x-sdk-content-sha256') ?? (await sha256(request.body));
  return [request.method, uri, canonicalQuery(query), headers.join(''), signedHeaders.join(';'), payload].join('\n');
}

/** The SK as an HMAC key that can only verify; the string is not kept. */
export function verifyingKey(sk: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(sk), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

/** Whether `signature` (64 hex digits) is the HMAC of the request with `key` (Web Crypto compares it). */
export async function signatureMatches(
  request: ArrivedRequest,
  signed: { date: string; headers: string[]; signature: string },
  key: CryptoKey,
) {
  const toSign = `${ALGORITHM}\n${signed.date}\n${await sha256(await canonicalRequest(request, signed.headers))}`;
  return crypto.subtle.verify('HMAC', key, fromHex(signed.signature), encoder.encode(toSign));
}

/** Equal secrets: their SHA-256 digests compared in full, so the time says nothing of where they differ. */
export async function sameSecret(given: string, expected: string) {
  const [a, b] = (await Promise.all([digest(given), digest(expected)])).map((bytes) => new Uint8Array(bytes));
  let difference = 0;
  for (let i = 0; i < a!.length; i++) difference |= a![i]! ^ b![i]!;
  return difference === 0;
}
