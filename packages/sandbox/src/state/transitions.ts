// The sandbox's one table of task-state rules: state × operation → the new state, or the named
// example the service answers. `start`, `stop` and `restart` follow Huawei's documented rules; the
// other operations follow the sandbox's own model (docs/decisions/0004-sandbox-state-model.md).

/** The task states of SMS (`GET /v3/tasks/{task_id}`, field `state`), as the spec lists them. */
export const STATES = [
  'READY',
  'RUNNING',
  'SYNCING',
  'MIGRATE_SUCCESS',
  'SYNC_SUCCESS',
  'MIGRATE_FAIL',
  'SYNC_FAIL',
  'ABORTING',
  'ABORT',
  'SKIPPING',
  'DELETING',
  'RESETING',
] as const;
export type TaskState = (typeof STATES)[number];

/** States a task passes through on its way to another; they settle after a delay or on `advance()`. */
export const TRANSITIONAL_STATES = ['ABORTING', 'SKIPPING', 'DELETING', 'RESETING'] as const;
export type TransitionalState = (typeof TRANSITIONAL_STATES)[number];

/** Where a task goes: straight to `to`, or through `via` first; `'same'` is the state it was in. */
export type Move = { to: TaskState | 'same'; via?: TransitionalState };

export interface OperationRules {
  /** The states the operation acts on, and where each goes. */
  moves: Partial<Record<TaskState, Move>>;
  /** The named example (a 400) answered in every other state. */
  refusal: string;
}

const stay: Move = { to: 'same' };
const onFinished = { MIGRATE_SUCCESS: stay, SYNC_SUCCESS: stay };
const SETTLED = STATES.filter((state) => !(TRANSITIONAL_STATES as readonly string[]).includes(state));

export const TRANSITIONS: Record<string, OperationRules> = {
  // Documented: starts a READY task, resumes a paused or failed one; otherwise SMS.1039.
  start: {
    moves: {
      READY: { to: 'RUNNING' },
      ABORT: { to: 'RUNNING' },
      MIGRATE_FAIL: { to: 'RUNNING' },
      SYNC_FAIL: { to: 'SYNCING' },
    },
    refusal: 'cannot_resume',
  },
  // Documented: pauses a running or syncing task, through ABORTING; otherwise SMS.1038.
  stop: {
    moves: { RUNNING: { via: 'ABORTING', to: 'ABORT' }, SYNCING: { via: 'ABORTING', to: 'ABORT' } },
    refusal: 'cannot_pause',
  },
  // Documented: only a failed task restarts (through RESETING); otherwise SMS.1040.
  restart: {
    moves: { MIGRATE_FAIL: { via: 'RESETING', to: 'RUNNING' }, SYNC_FAIL: { via: 'RESETING', to: 'RUNNING' } },
    refusal: 'cannot_restart',
  },
  // The sandbox's model: tests and drills need the target server that a finished migration leaves.
  test: { moves: onFinished, refusal: 'sandbox_state_refused' },
  clone_test: { moves: onFinished, refusal: 'sandbox_state_refused' },
  migration_test: { moves: onFinished, refusal: 'sandbox_state_refused' },
  // The network can be checked whenever the task is not between states.
  network_check: { moves: Object.fromEntries(SETTLED.map((state) => [state, stay])), refusal: 'sandbox_state_refused' },
  // Snapshots exist once a task has run; deleting them (DELETING) leaves the task's state as it was.
  clear: {
    moves: Object.fromEntries(
      ['MIGRATE_SUCCESS', 'SYNC_SUCCESS', 'MIGRATE_FAIL', 'SYNC_FAIL', 'ABORT'].map((state) => [
        state,
        { via: 'DELETING', to: 'same' },
      ]),
    ),
    refusal: 'sandbox_state_refused',
  },
  // The consistency check is a subtask of a running migration or sync: skipping it (SKIPPING) lets it go on.
  skip: {
    moves: { RUNNING: { via: 'SKIPPING', to: 'same' }, SYNCING: { via: 'SKIPPING', to: 'same' } },
    refusal: 'sandbox_state_refused',
  },
};

/** The sandbox's answer for an operation its table does not know (one the spec added since). */
const UNKNOWN: OperationRules = { moves: {}, refusal: 'sandbox_state_refused' };

export type Decision =
  | { accepted: true; via?: TransitionalState; to: TaskState }
  | { accepted: false; refusal: string };

/** What `operation` does to a task in `state`. */
export function decide(state: TaskState, operation: string): Decision {
  const rules = Object.hasOwn(TRANSITIONS, operation) ? TRANSITIONS[operation]! : UNKNOWN;
  const move = rules.moves[state];
  if (!move) return { accepted: false, refusal: rules.refusal };
  const to = move.to === 'same' ? state : move.to;
  return move.via ? { accepted: true, via: move.via, to } : { accepted: true, to };
}

export const isState = (value: unknown): value is TaskState => STATES.includes(value as TaskState);
