// A server that keeps the whole contract, with a list read that can be told to break one rule.
// Prism (the spec's mock) checks every request and answers all of them but the list's 200: that page
// this server makes itself from a few tasks, filtered and paged as the spec says, and then bent by
// `bend`, so that a run of the suite against it fails only where the list is broken.
import { type IncomingHttpHeaders, request } from 'node:http';
import { spec } from '@sms-task/contract-tests/spec';
import type { Handler, Recorded } from '@sms-task/test-support';

type Json = Record<string, any>;
export interface Page {
  count: number;
  tasks: Json[];
}
export interface ListRules {
  /** Answer every task whatever the `state` filter. */
  ignoreState?: boolean;
  /** Answer every match whatever `limit` and `offset`. */
  ignorePaging?: boolean;
  /** The page as sent: drop a field, bend a task. */
  bend?: (page: Page) => unknown;
}

const list = spec.list!;
const defaultOf = (name: string) =>
  spec.resolve((list.operation.parameters as Json[]).map(spec.resolve).find((p) => p.name === name)!.schema).default;
const STATES = ['READY', 'RUNNING', 'RUNNING', 'SYNCING', 'ABORT', 'MIGRATE_FAIL', 'MIGRATE_SUCCESS'];
const TASKS = STATES.map((state, i) => ({ id: `self-check-${i}`, name: `wave-${i}`, state, syncing: false }));

/** The page the spec asks for this query (no task has a source server or an enterprise project). */
function pageFor(query: URLSearchParams, rules: ListRules): Page {
  const is = (key: string, value: string) => !query.has(key) || query.get(key) === value;
  const matches = TASKS.filter(
    (task) =>
      (rules.ignoreState || is('state', task.state)) &&
      is('id', task.id) &&
      is('name', task.name) &&
      !query.has('source_server_id') &&
      !query.has('enterprise_project_id'),
  );
  const offset = Number(query.get('offset') ?? defaultOf('offset'));
  const limit = Number(query.get('limit') ?? defaultOf('limit'));
  return { count: matches.length, tasks: rules.ignorePaging ? matches : matches.slice(offset, offset + limit) };
}

/** The request as it came, sent on to `upstream`; its whole answer. */
function forward(upstream: string, { method, url, headers, body }: Recorded) {
  const { connection: _c, 'content-length': _l, 'transfer-encoding': _t, ...rest } = headers;
  const { hostname, port } = new URL(upstream);
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const sent = request(
      {
        host: hostname,
        port,
        method,
        path: url,
        agent: false,
        headers: { ...rest, connection: 'close', ...(body && { 'content-length': Buffer.byteLength(body) }) },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({ status: answer.statusCode!, headers: answer.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body || undefined);
  });
}

/** The handler: Prism at `upstream` for everything, this server's own page for the list read's 200. */
export function listServer(upstream: string, rules: ListRules = {}): Handler {
  return (_req, res, recorded) => {
    forward(upstream, recorded).then(
      ({ status, headers, body }) => {
        const url = new URL(recorded.url, 'http://server');
        if (recorded.method === 'GET' && url.pathname === list.path && status === 200) {
          const page = pageFor(url.searchParams, rules);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rules.bend?.(page) ?? page));
          return;
        }
        const { connection: _c, 'content-length': _l, 'transfer-encoding': _t, 'keep-alive': _k, ...rest } = headers;
        res.writeHead(status, rest).end(body);
      },
      (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream: ${error.message}`),
    );
  };
}
