// Model-based: random sequences of calls, state changes, settling, faults and resets go through the
// real client into the sandbox, and every answer and the final states are checked against a small
// reference model written from Huawei's sources and decision 0004, apart from the sandbox's table.
// The clock stands still (timeScale 0): only the calls move a task, as the table says, but for one
// thing the migration adds: a task paused after its full replication resumes its sync at once.
import { createSmsClient, SmsApiError, type TaskActionRequest } from '@sms-task/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSandbox, STATES, type Sandbox, type TaskState } from '../dist/index.js';
import { REFERENCE } from './reference.js';
import { example, requiredFields, SPEC_OPERATIONS } from './spec.js';

// Two ids, one seeded and one the sandbox does not know until it is set: few enough that
// sequences act on the same task often.
const IDS = ['task-a', 'task-b'];
const SEED = [{ id: 'task-a', state: 'RUNNING' }] as const;
/** The states whose full replication is over (decision 0004). */
const REPLICATED = [
  'MIGRATE_SUCCESS',
  'SYNCING',
  'SYNC_SUCCESS',
  'SYNC_FAIL',
  'SYNC_F_ROLLBACKING',
  'SYNC_F_ROLLBACK_SUCCESS',
];

interface ModelTask {
  state: string;
  settlesTo?: string;
  /** Its full replication is done (it was set to SYNCING, MIGRATE_SUCCESS…): a resumed task syncs again. */
  replicated?: boolean;
}
interface Model {
  tasks: Map<string, ModelTask>;
  /** A fault for every task, spent by the next call: its status. */
  fault?: number;
}
interface Real {
  sandbox: Sandbox;
  call(id: string, operation: string): Promise<string>;
}

class Call implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly id: string,
    readonly operation: string,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const outcome = await real.call(this.id, this.operation);
    const task = model.tasks.get(this.id);
    let expected: string;
    if (!task) expected = example('task_not_found').value.error_code;
    else if (model.fault) {
      expected = model.fault === 500 ? example('background_exception').value.error_code : `SANDBOX.0${model.fault}`;
      model.fault = undefined;
    } else {
      const [moves, refusal] = REFERENCE[this.operation]!;
      const move = moves[task.state];
      if (!move) expected = refusal;
      else {
        expected = 'ok';
        const [via, to] = move.includes('>') ? move.split('>') : [undefined, move];
        let target = to === '=' ? task.state : to!;
        if (this.operation === 'restart') task.replicated = false;
        if (target === 'RUNNING' && task.replicated) target = 'SYNCING';
        if (via) Object.assign(task, { state: via, settlesTo: target });
        else task.state = target;
      }
    }
    expect(outcome, `${this.operation} on ${this.id}`).toBe(expected);
    expect(real.sandbox.task(this.id)?.state, `${this.id} after ${this.operation}`).toBe(task?.state);
  }
  toString = () => `call(${this.id}, ${this.operation})`;
}

class SetState implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly id: string,
    readonly state: TaskState,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.sandbox.setTask(this.id, this.state);
    model.tasks.set(this.id, { state: this.state, replicated: REPLICATED.includes(this.state) });
  }
  toString = () => `set(${this.id}, ${this.state})`;
}

class Advance implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    let settling = 0;
    for (const task of model.tasks.values()) {
      if (task.settlesTo) {
        settling++;
        Object.assign(task, { state: task.settlesTo, settlesTo: undefined });
      }
    }
    expect(real.sandbox.advance()).toBe(settling);
  }
  toString = () => 'advance()';
}

class Fault implements fc.AsyncCommand<Model, Real> {
  constructor(readonly status: 500 | 503) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.sandbox.setFaults([{ status: this.status, times: 1 }]);
    model.fault = this.status;
  }
  toString = () => `fault(${this.status})`;
}

class Reset implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    real.sandbox.reset();
    model.tasks = new Map(SEED.map(({ id, state }) => [id, { state }]));
    model.fault = undefined;
  }
  toString = () => 'reset()';
}

const commands = [
  fc.tuple(fc.constantFrom(...IDS), fc.constantFrom(...SPEC_OPERATIONS)).map(([id, op]) => new Call(id, op)),
  fc.tuple(fc.constantFrom(...IDS), fc.constantFrom(...SPEC_OPERATIONS)).map(([id, op]) => new Call(id, op)),
  fc.tuple(fc.constantFrom(...IDS), fc.constantFrom(...STATES)).map(([id, state]) => new SetState(id, state)),
  fc.constant(new Advance()),
  fc.constantFrom(500 as const, 503 as const).map((status) => new Fault(status)),
  fc.constant(new Reset()),
];

describe('the sandbox against a reference model', () => {
  it('answers every random sequence of calls, states, settling, faults and resets as the model does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (sequence) => {
        const sandbox = createSandbox({ tasks: [...SEED], settleMs: 'manual', timeScale: 0 });
        const sms = createSmsClient({
          endpoint: sandbox.url,
          fetch: sandbox.fetch,
          auth: { token: 't' },
          retry: false,
        });
        const real: Real = {
          sandbox,
          call: (id, operation) =>
            sms.tasks.action(id, { operation, ...requiredFields(operation) } as TaskActionRequest).then(
              () => 'ok',
              (error: unknown) =>
                error instanceof SmsApiError ? (error.errorCode ?? `${error.status}`) : String(error),
            ),
        };
        const model: Model = { tasks: new Map(SEED.map(({ id, state }) => [id, { state }])) };
        await fc.asyncModelRun(() => ({ model, real }), sequence);
        for (const id of IDS) expect(sandbox.task(id)?.state, id).toBe(model.tasks.get(id)?.state);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});
