// The sandbox's one table of task-state rules: state × operation → the new state, or the named
// example the service answers. Each rule names its source (a Huawei page or SDK model, as
// docs/decisions/0004-sandbox-state-model.md cites them) or says `model`: the sandbox's own.
import { SPEC_STATES } from './spec-facts.js';

/**
 * A task state (`state` of `GET /v3/tasks/{task_id}`). The spec's list is open (an SDK-style enum):
 * `STATES` holds the values it names; the sandbox holds tasks in those only.
 */
export type TaskState = string;

/** The task states the spec's `TaskState` lists, in its order. */
export const STATES: readonly TaskState[] = SPEC_STATES;

/**
 * States a task passes through on its way to another, or that roll back (model): they refuse every
 * operation, and the ones an operation leads to settle after a delay or on `advance()`.
 */
export const TRANSITIONAL_STATES = ['ABORTING', 'SKIPPING', 'DELETING', 'RESETING', 'SYNC_F_ROLLBACKING'] as const;
export type TransitionalState = (typeof TRANSITIONAL_STATES)[number];

/**
 * Where a task goes: straight to `to`, or through `via` first; `'same'` is the state it was in.
 * `source` is where the rule comes from, or `model`.
 */
export type Move = { to: TaskState | 'same'; via?: TransitionalState; source: string };

export interface OperationRules {
  /** The states the operation acts on, and where each goes. */
  moves: Partial<Record<TaskState, Move>>;
  /** The named example (a 400) answered in every other state. */
  refusal: string;
  /** Where the refusal's code comes from, or `model`. */
  refusalSource: string;
}

/** The sources the rules cite (huawei-sources.md has the links and dates). */
export const SOURCES = {
  fullReplication: 'user guide, "Starting a Full Replication"',
  resumeExample: "API reference, Managing Migration Tasks: the example's note (only failed or paused tasks start)",
  v1Codes: 'API reference, "Out-of-Date Error Codes" (v1 API)',
  stateMeanings: 'ShowTask and ListTasks: the states and their meanings',
  sourceServer: 'ShowServer (GET /v3/sources/{id}): clearing shows in the source server state',
  model: 'model',
} as const;
const { model } = SOURCES;

const SETTLED = STATES.filter((state) => !(TRANSITIONAL_STATES as readonly string[]).includes(state));
const each = (states: readonly string[], move: Move) => Object.fromEntries(states.map((state) => [state, move]));
const stay = (source: string): Move => ({ to: 'same', source });
/** Where the target server a test launches exists: a finished migration, or a task in continuous sync. */
const launchable = (syncing: string) => ({
  SYNCING: stay(syncing),
  MIGRATE_SUCCESS: stay(model),
  SYNC_SUCCESS: stay(model),
});

export const TRANSITIONS: Record<string, OperationRules> = {
  // Starts a READY task; resumes a paused or failed one (from where it stood).
  start: {
    moves: {
      READY: { to: 'RUNNING', source: `${SOURCES.fullReplication} (a Ready task starts); RUNNING: model` },
      ABORT: { to: 'RUNNING', source: `${SOURCES.resumeExample}; RUNNING: model` },
      MIGRATE_FAIL: { to: 'RUNNING', source: `${SOURCES.resumeExample}; RUNNING: model` },
      SYNC_FAIL: { to: 'SYNCING', source: model },
    },
    refusal: 'cannot_resume',
    refusalSource: SOURCES.v1Codes,
  },
  // Pauses a task that is "created or monitored" (SMS.1038's text): which states those are is the model.
  stop: {
    moves: each(['RUNNING', 'SYNCING'], {
      via: 'ABORTING',
      to: 'ABORT',
      source: `${SOURCES.v1Codes} (SMS.1038); ABORTING "being stopped", ABORT "stopped": ${SOURCES.stateMeanings}`,
    }),
    refusal: 'cannot_pause',
    refusalSource: SOURCES.v1Codes,
  },
  // Restarts a task "that failed to be created or migrated" (SMS.1040's text), straight to RUNNING:
  // RESETING means rolling back, which a restart is not.
  restart: {
    moves: {
      MIGRATE_FAIL: { to: 'RUNNING', source: `${SOURCES.v1Codes} (SMS.1040); RUNNING: model` },
      SYNC_FAIL: { to: 'RUNNING', source: model },
    },
    refusal: 'cannot_restart',
    refusalSource: SOURCES.v1Codes,
  },
  // With continuous synchronisation the user launches the target while the task syncs; which state
  // follows a launch is unverified, so the state stays (model).
  test: {
    moves: launchable(`${SOURCES.fullReplication} (launched by hand in continuous sync); state after: model`),
    refusal: 'sandbox_state_refused',
    refusalSource: model,
  },
  clone_test: { moves: launchable(model), refusal: 'sandbox_state_refused', refusalSource: model },
  migration_test: { moves: launchable(model), refusal: 'sandbox_state_refused', refusalSource: model },
  // The network can be checked whenever the task is not between states.
  network_check: { moves: each(SETTLED, stay(model)), refusal: 'sandbox_state_refused', refusalSource: model },
  // Clearing a task's snapshots shows on its source server, not as a task state; which states allow it: model.
  clear: {
    moves: each(
      ['MIGRATE_SUCCESS', 'SYNC_SUCCESS', 'MIGRATE_FAIL', 'SYNC_FAIL', 'ABORT'],
      stay(`${SOURCES.sourceServer}; the states it acts in: model`),
    ),
    refusal: 'sandbox_state_refused',
    refusalSource: model,
  },
  // The consistency check is a sub-task of a running migration or sync: skipping it (SKIPPING) lets it go on.
  skip: {
    moves: each(['RUNNING', 'SYNCING'], { via: 'SKIPPING', to: 'same', source: model }),
    refusal: 'sandbox_state_refused',
    refusalSource: model,
  },
};

/** The sandbox's answer for an operation its table does not know (one the spec added since). */
const UNKNOWN: OperationRules = { moves: {}, refusal: 'sandbox_state_refused', refusalSource: model };

export type Decision =
  | { accepted: true; via?: TransitionalState; to: TaskState }
  | { accepted: false; refusal: string };

/** What `operation` does to a task in `state`. */
export function decide(state: TaskState, operation: string): Decision {
  const rules = Object.hasOwn(TRANSITIONS, operation) ? TRANSITIONS[operation]! : UNKNOWN;
  const move = Object.hasOwn(rules.moves, state) ? rules.moves[state] : undefined;
  if (!move) return { accepted: false, refusal: rules.refusal };
  const to = move.to === 'same' ? state : move.to;
  return move.via ? { accepted: true, via: move.via, to } : { accepted: true, to };
}

export const isState = (value: unknown): value is TaskState => STATES.includes(value as TaskState);
