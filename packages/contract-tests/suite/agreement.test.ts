// Client and spec agree, by property: whatever the client accepts, the mock accepts; whatever
// the client refuses locally, the mock refuses too.
import { createSmsClient, SmsValidationError, OPERATIONS } from '@sms-task/client';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { postAction } from './http.js';

const baseUrl = inject('baseUrl');
const target = inject('target');
const token = inject('token');

const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max }),
    fc.string({ unit: 'grapheme', maxLength: max }),
    fc.string({
      unit: fc.constantFrom('/', '?', '#', '%', ' ', '.', '&', '+', ':', 'é', '😀', '\u0000'),
      maxLength: max,
    }),
  );
const aroundLimit = (limit: number) =>
  fc.integer({ min: Math.max(0, limit - 2), max: limit + 2 }).map((n) => 'a'.repeat(n));

const taskId = fc.oneof(
  text(40),
  aroundLimit(36),
  fc.constantFrom('', '.', '..', '7a9a9540-ff28-4869-b9e4-855fbe12xxxx'),
);
// Mostly well-formed bodies with one thing possibly wrong, so that both sides of the property are exercised.
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 });
const body = fc
  .record(
    {
      operation: mostly(
        fc.constantFrom(...OPERATIONS),
        fc.oneof(fc.constantFrom('cutover', 'error_for_overspeed', 'START', ''), fc.integer()),
      ),
      template_id: mostly(fc.oneof(text(20), aroundLimit(255)), fc.oneof(fc.integer(), fc.constant(null))),
      switch_hce: mostly(fc.boolean(), fc.constantFrom('true', 0, null)),
      is_need_consistency_check: mostly(fc.boolean(), fc.constantFrom('false', 1)),
      unexpected: fc.string({ maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .map((b) => {
    // An unknown field is one of many ways to be wrong: keep it rare.
    if ('unexpected' in b && b.unexpected!.length > 1) delete b.unexpected;
    return b;
  });

describe('client and spec agree', () => {
  it('accepts exactly what the mock accepts, over generated inputs', async (ctx) => {
    if (target !== 'mock') ctx.skip('generated inputs would act on real tasks');
    const sms = createSmsClient({ endpoint: baseUrl, auth: { token }, retry: false });
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(taskId, body, async (id, b) => {
        const local = await sms.tasks.action(id, b as never).then(
          (r) => r,
          (e: unknown) => e,
        );
        if (local instanceof SmsValidationError) {
          rejected++;
          const res = await postAction(baseUrl, id, b);
          expect(res.status, `mock accepted what the client refused (${local.message})`).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        } else {
          accepted++;
          expect(local, 'the client accepted an input that the mock refused').toMatchObject({ status: 200 });
        }
      }),
      { numRuns: 400, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    console.log(
      `client/spec agreement: ${accepted + rejected} cases (${accepted} accepted, ${rejected} refused locally)`,
    );
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    // A hang guard for 400 calls to the mock, which a busy machine can make slow.
  }, 300_000);
});
