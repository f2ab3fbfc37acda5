// Fuzzing (fast-check): arbitrary task ids, bodies, options and server answers. Whatever happens,
// a call resolves with the documented shape or rejects with an SmsError — nothing else escapes.
import type { ServerResponse } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, SmsError } from '../src/index.js';
import { createSmsClient, transport } from './entry.js';
import { useTestServer } from './server.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);
const server = useTestServer();

const answer = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 201, 202, 204, 301, 302, 307, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504),
    fc.integer({ min: 200, max: 599 }),
  ),
  contentType: fc.constantFrom('application/json', 'text/html', 'text/plain', 'application/problem+json', ''),
  retryAfter: fc.option(
    fc.oneof(
      fc.constantFrom('0', '1', '120', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT', '-1'),
      fc.string({ maxLength: 8 }),
    ),
    { nil: undefined },
  ),
  requestId: fc.option(
    fc.string({ maxLength: 20 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
    { nil: undefined },
  ),
  location: fc.option(fc.constantFrom('http://127.0.0.1:9/elsewhere', '/relative', 'not a url'), { nil: undefined }),
  body: fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    fc
      .record({
        error_code: fc.string({ maxLength: 10 }),
        error_msg: fc.string({ maxLength: 50 }),
        details: fc.anything({ maxDepth: 2 }),
        error_param: fc.anything({ maxDepth: 2 }),
      })
      .map((o) => JSON.stringify(o)),
    fc.constant('<html><title>Bad Gateway</title></html>'),
  ),
});

// Mostly valid input, so that most cases reach the server and its answer is what gets fuzzed.
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: bad, weight: 1 });
const taskId = mostly(
  fc.string({ minLength: 1, maxLength: 36 }),
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.constantFrom('.', '..', ''),
    fc.anything({ maxDepth: 1 }),
  ),
);
const body = mostly(
  fc.oneof(
    fc.record(
      {
        operation: fc.constantFrom(...OPERATIONS.filter((o) => o !== 'clone_test')),
        switch_hce: fc.boolean(),
        is_need_consistency_check: fc.boolean(),
      },
      { requiredKeys: ['operation'] },
    ),
    fc.record({ operation: fc.constant('clone_test'), template_id: fc.string({ maxLength: 255 }) }),
  ),
  fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 1 }), { maxKeys: 4 }),
  ),
);
const options = mostly(
  fc.constant({}),
  fc.record(
    {
      timeoutMs: fc.oneof(fc.double(), fc.constant(Infinity)),
      headers: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 2 }),
      region: fc.string({ maxLength: 10 }),
    },
    { requiredKeys: [] },
  ),
);

type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;

function respond(res: ServerResponse, a: Answer) {
  const headers: Record<string, string> = {};
  if (a.contentType) headers['content-type'] = a.contentType;
  if (a.retryAfter !== undefined && /^[\x20-\x7e]*$/.test(a.retryAfter)) headers['retry-after'] = a.retryAfter;
  if (a.requestId !== undefined) headers['x-request-id'] = a.requestId;
  if (a.location !== undefined) headers.location = a.location;
  res.writeHead(a.status, headers);
  res.end(a.status === 204 ? undefined : a.body);
}

describe(`fuzzing (${transport} transport)`, () => {
  it(`${RUNS} cases: resolves with the documented shape or rejects with an SmsError`, async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`fuzz seed ${seed} (replay with FC_SEED=${seed})`);
    let resolved = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(taskId, body, options, answer, async (id, b, opts, a) => {
        server.always((_req, res) => respond(res, a));
        let client;
        try {
          client = createSmsClient({
            endpoint: server.url,
            auth: { token: 'fuzz-token' },
            retry: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 20 },
            ...(opts as object),
          });
        } catch (error) {
          expect(error).toBeInstanceOf(SmsError);
          rejected++;
          return;
        }
        const result = await client.tasks.action(id as string, b as never).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ('error' in result) {
          expect(result.error).toBeInstanceOf(SmsError);
          rejected++;
        } else {
          const { value } = result;
          expect(value.status).toBeGreaterThanOrEqual(200);
          expect(value.status).toBeLessThan(300);
          expect(typeof value.data).toBe('object');
          expect(value.data).not.toBeNull();
          expect(Array.isArray(value.data)).toBe(false);
          expect(['string', 'undefined']).toContain(typeof value.requestId);
          resolved++;
        }
      }),
      { numRuns: RUNS, seed },
    );
    console.log(`fuzz: ${RUNS} cases, ${resolved} resolved, ${rejected} rejected with an SmsError`);
    expect(resolved).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
