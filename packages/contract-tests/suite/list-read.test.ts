// The list read, `GET /v3/tasks`: one page of the account's tasks. Its answers are checked against
// the spec (the page, its `count` and each task) over raw HTTP and through the client; its paging and
// filters at the spec's limits; and every query the spec refuses must be refused by the server too.
import { createSmsClient, type ListTasksQuery } from '@sms-task/client';
import { describe, expect, inject, it } from 'vitest';
import { authenticate, clientAuth } from './credentials.js';
import { send, withQuery, type RawResponse } from './http.js';
import { loadSpec } from './load-spec.js';

const baseUrl = inject('baseUrl');
const target = inject('target');
const { list } = loadSpec();
const { limit, offset, lengths, states } = list;
const LIST = `GET ${list.path}`;

type Query = Record<string, string | number>;
interface Page {
  count: number;
  tasks: Array<{ id: string; state: string }>;
}

/** A raw GET of the list with this query, exactly as written, with the run's credentials. */
const get = (query: Query = {}, headers: Record<string, string> = {}) =>
  send(baseUrl, withQuery(list.path, query), { method: 'GET', headers, authenticate });
const client = (headers?: Record<string, string>) =>
  createSmsClient({ endpoint: baseUrl, auth: clientAuth, retry: false, ...(headers && { headers }) });

/** A page: a 200 JSON body valid against the spec (count, tasks, each task), with no violation reported by Prism. */
function expectPage(res: RawResponse, query: Query): Page {
  const what = withQuery(list.path, query);
  expect(res.violations, `${what}: ${JSON.stringify(res.violations)}`).toEqual([]);
  expect(res.status, what).toBe(200);
  expect(res.headers['content-type'], `${what}: Content-Type`).toMatch(/^application\/json\s*(;|$)/);
  expect(list.problems(200, res.json), what).toBeNull();
  const page = res.json as Page;
  // `count` is every task that matches, whatever the page: never fewer than the page holds.
  expect(page.count, `${what}: count`).toBeGreaterThanOrEqual(page.tasks.length);
  return page;
}

describe('the list read', () => {
  it(`${LIST} answers a page, count and tasks, each valid against the spec (raw HTTP and the client)`, async () => {
    const page = expectPage(await get(), {});
    // Only a server that keeps the list can be held to what it holds: the mock answers its example.
    if (target !== 'mock') expect(page.tasks.length).toBeLessThanOrEqual(limit.default);
    const result = await client().tasks.list();
    expect(result.status).toBe(200);
    expect(list.problems(200, result.data)).toBeNull();
  });

  it(`${LIST} pages by limit (${limit.minimum}–${limit.maximum}) and offset (${offset.minimum}–${offset.maximum}), and the client walks every page`, async () => {
    const queries: Query[] = [
      { limit: limit.minimum, offset: offset.minimum },
      { limit: limit.maximum, offset: offset.minimum },
      { limit: limit.default, offset: offset.maximum },
    ];
    const pages = [];
    for (const query of queries) pages.push(expectPage(await get(query), query));
    const [, first, beyond] = pages;
    // A walk of a few pages, whatever the account holds (at most count / limit.maximum for a large one).
    const size = Math.min(limit.maximum, Math.max(1, Math.ceil(first!.count / 3)));
    const seen: string[] = [];
    let walked = 0;
    for await (const { status, data } of client().tasks.pages({ limit: size })) {
      walked++;
      expect(status).toBe(200);
      expect(list.problems(200, data)).toBeNull();
      if (target !== 'mock') expect(data.tasks.length).toBeLessThanOrEqual(size);
      seen.push(...data.tasks.map((task) => task.id));
    }
    expect(walked).toBeGreaterThanOrEqual(1);
    if (target === 'mock') return;
    // What the spec says of the pages, held where they are kept: `limit` caps a page, `offset`
    // skips that many tasks, and the pages together are every task once.
    expect(first!.tasks.length).toBeLessThanOrEqual(limit.maximum);
    if (first!.count <= offset.maximum) expect(beyond!.tasks).toEqual([]);
    expect(seen).toHaveLength(first!.count);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it(`${LIST} filters by each of the ${states.length} states of its state filter, and by id`, async () => {
    for (const state of states) {
      const page = expectPage(await get({ state, limit: limit.maximum }), { state });
      if (target !== 'mock') expect(page.tasks.filter((task) => task.state !== state)).toEqual([]);
    }
    const [task] = expectPage(await get({ limit: 1 }), { limit: 1 }).tasks;
    if (!task) return;
    const byId = expectPage(await get({ id: task.id }), { id: task.id });
    if (target !== 'mock') expect(byId.tasks.map(({ id }) => id)).toEqual([task.id]);
  });
});

// [what is wrong, the query as sent]; each value one past a rule of the spec.
const refused: Array<[string, Query]> = [
  [`a limit of ${limit.maximum + 1}`, { limit: limit.maximum + 1 }],
  [`a limit of ${limit.minimum - 1}`, { limit: limit.minimum - 1 }],
  ['a limit that is not an integer', { limit: 'ten' }],
  [`an offset of ${offset.maximum + 1}`, { offset: offset.maximum + 1 }],
  [`an offset of ${offset.minimum - 1}`, { offset: offset.minimum - 1 }],
  ['a state its filter does not know', { state: 'NOT_A_STATE' }],
  [`an id of ${lengths.id.maxLength + 1} characters`, { id: 'x'.repeat(lengths.id.maxLength + 1) }],
  [`a name of ${lengths.name.maxLength + 1} characters`, { name: 'x'.repeat(lengths.name.maxLength + 1) }],
  [
    `a source_server_id of ${lengths.source_server_id.maxLength + 1} characters`,
    { source_server_id: 'x'.repeat(lengths.source_server_id.maxLength + 1) },
  ],
];

describe('list queries the spec forbids are rejected with a 4xx', () => {
  const cases: Array<[string, () => Promise<RawResponse>]> = [
    ...refused.map(([name, query]): [string, () => Promise<RawResponse>] => [name, () => get(query)]),
    ['neither X-Auth-Token nor an AK/SK signature', () => send(baseUrl, list.path, { method: 'GET' })],
  ];
  for (const [name, run] of cases) {
    it(`rejects ${LIST} with ${name}`, async ({ annotate }) => {
      const res = await run();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const rules = res.violations.map((v) => `${v.code} at ${v.location.join('.')}`);
      await annotate(`HTTP ${res.status}${rules.length ? `; rules: ${rules.join('; ')}` : ''}`);
      // Prism names the rule that caught the request; a rejection with no rule would be luck.
      if (target === 'mock' && res.status !== 401) expect(rules.length, 'the rule Prism applied').toBeGreaterThan(0);
    });
  }

  it('the client refuses each of these queries before sending anything (SmsValidationError)', async () => {
    const sms = client();
    for (const [name, query] of refused) {
      const error = await sms.tasks.list(query as ListTasksQuery).catch((e: unknown) => e);
      expect(error, name).toMatchObject({ name: 'SmsValidationError', attempts: 0 });
    }
  });
});

describe(`the list read's declared responses (mock only: forced with Prefer: code=N)`, () => {
  it(`every declared status of ${LIST} can be produced and matches its schema; the client throws each error as an SmsApiError`, async (ctx) => {
    if (target !== 'mock') ctx.skip('a real endpoint cannot be asked for a given status');
    for (const status of list.declaredStatuses) {
      const res = await get({}, { prefer: `code=${status}` });
      expect(res.status, String(status)).toBe(status);
      expect(res.violations, String(status)).toEqual([]);
      expect(list.problems(status, res.json), String(status)).toBeNull();
      if (status < 400) continue;
      const body = res.json as { error_code: string; error_msg: string };
      await expect(client({ prefer: `code=${status}` }).tasks.list(), String(status)).rejects.toMatchObject({
        name: 'SmsApiError',
        status,
        errorCode: body.error_code,
        errorMsg: body.error_msg,
      });
    }
  });
});
