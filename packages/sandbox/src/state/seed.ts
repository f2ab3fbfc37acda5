// A seed's tasks, checked field by field before the sandbox holds any: the state and id every seed
// has, and the optional fields that say what the task is and how its migration goes. A task that
// cannot be used is refused with its position and the reason.
import { BEFORE_FAILURE, CONTINUOUS, type MigrationConfig, PARTIAL, type Phase, phaseOf } from './migration.js';
import { InputError } from './input-error.js';
import { OS_TYPES, TASK_TYPES } from './spec-facts.js';
import { isState, STATES, type TaskState } from './transitions.js';

export interface SeedTask {
  id: string;
  state: TaskState;
  /** The task's name (`name`); default: its id. */
  name?: string;
  /** `MIGRATE_BLOCK` (default) or `MIGRATE_FILE`: also the name of its migration sub-task. */
  type?: string;
  /** `LINUX` (default) or `WINDOWS`. */
  os_type?: string;
  /** Its source server's id (`source_server.id`, the list's `source_server_id` filter); default: one made from its id. */
  source_server_id?: string;
  /** Default `0`, the default enterprise project. */
  enterprise_project_id?: string;
  /** Sandbox seconds its full replication takes without a break; default 21,600 (six hours). */
  duration_s?: number;
  /** Continuous synchronisation: the full replication ends in SYNCING, not MIGRATE_SUCCESS. Default false. */
  continuous_sync?: boolean;
  /** Where a task part-way through stands (RUNNING, ABORT, MIGRATE_FAIL…): a fraction from 0 to 1. Default 0. */
  progress?: number;
  /** It fails (MIGRATE_FAIL) when this fraction of its full replication is done; once. */
  fail_at?: number;
  /** It fails (MIGRATE_FAIL) after this many sandbox seconds of running; once. */
  fail_after_s?: number;
  /** The `error_json` its read shows once it failed; default a SANDBOX.FAIL error naming the sub-task. */
  error_json?: string;
  /** Whether its agent is connected (`connected`). Default true. */
  connected?: boolean;
  /** Mbit/s while it migrates or syncs (`migrate_speed`). Default 100. */
  migrate_speed?: number;
}

/** A seed's task, checked: what the store builds it from. */
export interface CheckedSeed {
  id: string;
  state: TaskState;
  config: MigrationConfig;
  /** The fraction done, for a task part-way through. */
  progress: number;
}

const FIELDS = [
  'id',
  'state',
  'name',
  'type',
  'os_type',
  'source_server_id',
  'enterprise_project_id',
  'duration_s',
  'continuous_sync',
  'progress',
  'fail_at',
  'fail_after_s',
  'error_json',
  'connected',
  'migrate_speed',
];
const DEFAULT_DURATION_S = 6 * 3600;
const DEFAULT_SPEED_MBIT = 100;

const states = (phases: readonly Phase[]) =>
  STATES.filter((state) => phases.includes(phaseOf(state))).join(', ') || 'none';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Checks one seed task. `base` is what the task was (setting a task's state again keeps it); `id`
 * is given when the task's id comes from elsewhere (a control call's path).
 */
export function checkSeedTask(
  value: unknown,
  where: string,
  checkId: (id: string) => string | undefined,
  base?: MigrationConfig,
): CheckedSeed {
  const fail = (reason: string): never => {
    throw new InputError(`${where}${reason.startsWith(' ') ? '' : ': '}${reason}`);
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(' must be { "id": "…", "state": "…" }');
  const seed = value as Record<string, unknown>;
  const extra = Object.keys(seed).find((key) => !FIELDS.includes(key));
  if (extra) fail(` has an unknown field "${extra}": use ${FIELDS.join(', ')}`);
  const { id, state } = seed;
  if (typeof id !== 'string') fail('id must be a string');
  const idProblem = checkId(id as string);
  if (idProblem) fail(`the id breaks the spec: ${idProblem}`);
  if (!isState(state)) fail(`unknown state ${JSON.stringify(state)}: use ${STATES.join(', ')}`);
  const phase = phaseOf(state as string);

  const text = (field: string, min: number, max: number) => {
    const given = seed[field];
    if (given === undefined) return undefined;
    if (typeof given !== 'string' || given.length < min || given.length > max) {
      fail(`${field} must be a string of ${min}–${max} characters`);
    }
    return given as string;
  };
  const oneOf = (field: string, values: readonly string[]) => {
    const given = seed[field];
    if (given !== undefined && !values.includes(given as string)) fail(`${field} must be one of ${values.join(', ')}`);
    return given as string | undefined;
  };
  const flag = (field: string) => {
    const given = seed[field];
    if (given !== undefined && typeof given !== 'boolean') fail(`${field} must be true or false`);
    return given as boolean | undefined;
  };
  const fraction = (field: string, what: string, below1 = false) => {
    const given = seed[field];
    if (given === undefined) return undefined;
    if (!isNumber(given) || given < 0 || given > 1 || (below1 && given === 1)) {
      fail(`${field} is ${what}: a fraction from 0 to ${below1 ? 'below ' : ''}1 (0.4 is 40%)`);
    }
    return given as number;
  };

  const name = text('name', 0, 255);
  const type = oneOf('type', TASK_TYPES);
  const osType = oneOf('os_type', OS_TYPES);
  const sourceServerId = text('source_server_id', 1, 36);
  const enterpriseProjectId = text('enterprise_project_id', 0, 255);
  const durationS = seed.duration_s;
  if (durationS !== undefined && (!isNumber(durationS) || durationS < 1)) {
    fail('duration_s must be a number of seconds ≥ 1');
  }
  const speed = seed.migrate_speed;
  if (speed !== undefined && (!isNumber(speed) || speed <= 0)) fail('migrate_speed must be a number of Mbit/s > 0');
  const connected = flag('connected');
  let continuousSync = flag('continuous_sync');
  if (CONTINUOUS.includes(phase)) {
    if (continuousSync === false) fail(`a task in ${state} has continuous synchronisation: continuous_sync is true`);
    continuousSync = true;
  }

  const progress = fraction('progress', 'how much of the migration is done');
  if (progress !== undefined && !PARTIAL.includes(phase)) {
    fail(`progress goes with a task part-way through its migration (${states(PARTIAL)}), not ${state}`);
  }
  const failAt = fraction('fail_at', 'where the migration fails', true);
  const failAfterS = seed.fail_after_s;
  if (failAfterS !== undefined && (!isNumber(failAfterS) || failAfterS < 0)) {
    fail('fail_after_s must be a number of seconds ≥ 0');
  }
  if (failAt !== undefined && failAfterS !== undefined) fail('give fail_at or fail_after_s, not both');
  const failing = failAt !== undefined || failAfterS !== undefined;
  if (failing && !BEFORE_FAILURE.includes(phase)) {
    fail(
      `fail_at and fail_after_s go with a task whose migration is not over (${states(BEFORE_FAILURE)}), not ${state}`,
    );
  }
  const errorJson = seed.error_json;
  if (errorJson !== undefined) {
    if (typeof errorJson !== 'string') fail('error_json must be a string (the read shows it as it is: a JSON text)');
    if (!failing && !['failed', 'sync_failed'].includes(phase)) {
      fail('error_json goes with a failure: fail_at, fail_after_s, or a state that failed (MIGRATE_FAIL, SYNC_FAIL…)');
    }
  }

  const durationMs =
    durationS === undefined ? (base?.durationMs ?? DEFAULT_DURATION_S * 1000) : (durationS as number) * 1000;
  const config: MigrationConfig = {
    name: name ?? base?.name ?? (id as string),
    type: type ?? base?.type ?? 'MIGRATE_BLOCK',
    osType: osType ?? base?.osType ?? 'LINUX',
    enterpriseProjectId: enterpriseProjectId ?? base?.enterpriseProjectId ?? '0',
    durationMs: Math.round(durationMs),
    continuousSync: continuousSync ?? base?.continuousSync ?? false,
    connected: connected ?? base?.connected ?? true,
    speedMbit: (speed as number | undefined) ?? base?.speedMbit ?? DEFAULT_SPEED_MBIT,
  };
  const server = sourceServerId ?? base?.sourceServerId;
  if (server !== undefined) config.sourceServerId = server;
  const shown = (errorJson as string | undefined) ?? base?.errorJson;
  if (shown !== undefined) config.errorJson = shown;
  if (failing) {
    config.failAtMs = Math.round(failAt !== undefined ? failAt * config.durationMs : (failAfterS as number) * 1000);
    if (config.failAtMs >= config.durationMs) fail('fail_after_s must be less than duration_s');
    if (progress !== undefined && config.failAtMs < Math.round(progress * config.durationMs)) {
      fail('the failure (fail_at, fail_after_s) must lie ahead of progress');
    }
  }
  return { id: id as string, state: state as string, config, progress: progress ?? 0 };
}

/** The seed's tasks, each checked, the ids unique. */
export function checkSeed(tasks: unknown, checkId: (id: string) => string | undefined): CheckedSeed[] {
  if (!Array.isArray(tasks)) throw new InputError('tasks must be an array of { id, state }');
  const seen = new Set<string>();
  return tasks.map((task, index) => {
    const checked = checkSeedTask(task, `tasks[${index}]`, checkId);
    if (seen.has(checked.id)) throw new InputError(`tasks[${index}]: the id "${checked.id}" is given twice`);
    seen.add(checked.id);
    return checked;
  });
}
