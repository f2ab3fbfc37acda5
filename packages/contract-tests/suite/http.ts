// Raw HTTP for the contract suite: requests exactly as written, bypassing the client's own
// validation, so the server's (or mock's) answer to any input can be observed.
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
  /** Prism's `sl-violations` header, parsed (empty when absent). */
  violations: Array<{ code: string; message: string; location: string[] }>;
}

/** Adds credentials to a request as it will be sent: a token, or an AK/SK signature over it. */
export type Authenticate = (request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}) => Promise<Record<string, string>>;

export async function send(
  baseUrl: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; method?: string; authenticate?: Authenticate } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const fn = url.protocol === 'https:' ? httpsRequest : request;
  const method = options.method ?? 'POST';
  const fullPath = url.pathname.replace(/\/$/, '') + path;
  const headers = options.authenticate
    ? await options.authenticate({
        method,
        url: `${url.origin}${fullPath}`,
        headers: options.headers ?? {},
        body: options.body,
      })
    : options.headers;
  return new Promise((resolve, reject) => {
    const req = fn({ host: url.hostname, port: url.port, method, path: fullPath, headers, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {}
        const raw = res.headers['sl-violations'];
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          text,
          json,
          violations: typeof raw === 'string' ? JSON.parse(raw) : [],
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

export const actionPath = (taskId: string) => `/v3/tasks/${encodeURIComponent(taskId)}/action`;

/** `path` with this query, each value as written (a number, a string the spec refuses…). */
export function withQuery(path: string, query: Record<string, string | number> = {}) {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
  return search ? `${path}?${search}` : path;
}

export function postAction(
  baseUrl: string,
  taskId: string,
  body: unknown,
  headers: Record<string, string> = {},
  authenticate?: Authenticate,
) {
  return send(baseUrl, actionPath(taskId), {
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...(authenticate && { authenticate }),
  });
}
