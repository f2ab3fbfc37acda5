import { describe, expectTypeOf, it } from 'vitest';
import {
  createSmsClient,
  type OPERATIONS,
  type RequestPreview,
  type SmsError,
  type TaskActionRequest,
  type TaskActionResult,
  type TaskOperation,
  type Task,
  type TaskList,
  type TaskListResult,
  type TaskState,
} from '../src/index.js';

const sms = createSmsClient({ endpoint: 'http://127.0.0.1:4010', auth: { token: 't' } });

describe('types generated from the spec', () => {
  it("the operation union is exactly the spec's operations (the generated types and facts agree)", () => {
    expectTypeOf<TaskOperation>().toEqualTypeOf<(typeof OPERATIONS)[number]>();
  });

  it('cloneTest requires template_id', () => {
    // @ts-expect-error the fields argument is required
    void sms.tasks.cloneTest('t');
    // @ts-expect-error template_id is required
    void sms.tasks.cloneTest('t', {});
    expectTypeOf(sms.tasks.cloneTest('t', { template_id: 'x' })).resolves.toEqualTypeOf<TaskActionResult>();
  });

  it('action() rejects clone_test without template_id, unknown operations and wrong field types', () => {
    // @ts-expect-error clone_test needs template_id
    void sms.tasks.action('t', { operation: 'clone_test' });
    // @ts-expect-error cutover is not in the enumeration
    void sms.tasks.action('t', { operation: 'cutover' });
    // @ts-expect-error switch_hce is a boolean
    void sms.tasks.action('t', { operation: 'start', switch_hce: 'yes' });
    // @ts-expect-error no unknown fields
    void sms.tasks.action('t', { operation: 'start', force: true });
    expectTypeOf<{ operation: 'restart'; is_need_consistency_check: true }>().toMatchTypeOf<TaskActionRequest>();
  });

  it('helpers take optional fields with spec names and no operation', () => {
    void sms.tasks.start('t');
    void sms.tasks.start('t', { switch_hce: true, is_need_consistency_check: false, template_id: 'x' });
    // @ts-expect-error the helper sets operation itself
    void sms.tasks.start('t', { operation: 'stop' });
    // @ts-expect-error template_id is a string
    void sms.tasks.networkCheck('t', { template_id: 1 });
  });
});

describe('what a call reports and previews', () => {
  it('a result carries attempts; every SmsError may', () => {
    expectTypeOf(sms.tasks.stop('t')).resolves.toHaveProperty('attempts').toEqualTypeOf<number>();
    expectTypeOf<SmsError['attempts']>().toEqualTypeOf<number | undefined>();
  });

  it('preview takes the arguments of action, typed the same, and returns a RequestPreview', () => {
    expectTypeOf(sms.tasks.preview).parameters.toEqualTypeOf<Parameters<typeof sms.tasks.action>>();
    expectTypeOf(sms.tasks.preview('t', { operation: 'stop' })).toEqualTypeOf<RequestPreview>();
    expectTypeOf<RequestPreview>().toEqualTypeOf<{
      method: 'POST';
      url: string;
      headers: Record<string, string>;
      body: string;
    }>();
    // @ts-expect-error clone_test needs template_id, as in action()
    sms.tasks.preview('t', { operation: 'clone_test' });
  });
});

describe('the reads', () => {
  it('read resolves to the spec Task with an open state, list to a page, pages to an async iterator of pages', () => {
    expectTypeOf(sms.tasks.read('t')).resolves.toHaveProperty('data').toEqualTypeOf<Task>();
    expectTypeOf<Task['state']>().toMatchTypeOf<string>();
    expectTypeOf<'READY'>().toMatchTypeOf<TaskState>();
    expectTypeOf<'A_STATE_HUAWEI_ADDS_LATER'>().toMatchTypeOf<TaskState>();
    expectTypeOf(sms.tasks.list()).resolves.toHaveProperty('data').toEqualTypeOf<TaskList>();
    expectTypeOf(sms.tasks.pages()).toEqualTypeOf<AsyncGenerator<TaskListResult>>();
  });

  it('the list query has the spec parameters and their types', () => {
    void sms.tasks.list({ state: 'RUNNING', limit: 200, offset: 0, name: 'n', id: 'i', source_server_id: 's' });
    // @ts-expect-error limit is a number
    void sms.tasks.list({ limit: '10' });
    // @ts-expect-error SYNC_SUCCESS is not a filter value of the list
    void sms.tasks.list({ state: 'SYNC_SUCCESS' });
  });
});
