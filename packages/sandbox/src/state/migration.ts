// One task's migration, as the sandbox's model runs it: sub-tasks that progress while the task is
// RUNNING, in ms of work, worked out from the clock when the task is read (no timer per task, so
// 100,000 tasks cost their records only, and a read at a given time always shows the same). The
// sub-task names are those Huawei's sources show; their order, shares and the dates' rules are
// the sandbox's model (docs/decisions/0004-sandbox-state-model.md).
import { LIST_ITEM_FIELDS } from './spec-facts.js';

type Json = Record<string, unknown>;

/** What a task is, from its seed: kept when its state is set again. */
export interface MigrationConfig {
  name: string;
  type: string;
  osType: string;
  /** Its source server's id, when the seed gives one (see `sourceServerOf`). */
  sourceServerId?: string;
  enterpriseProjectId: string;
  /** Work the full replication takes, in sandbox ms. */
  durationMs: number;
  /** Continuous synchronisation: the full replication ends in SYNCING, not MIGRATE_SUCCESS. */
  continuousSync: boolean;
  /** The work (ms) at which the migration fails, once. */
  failAtMs?: number;
  errorJson?: string;
  connected: boolean;
  /** Mbit/s, as the API reports `migrate_speed`. */
  speedMbit: number;
}

/** Where a migration stands: its own clock-free record, changed only by a call, a setting or a catch-up. */
export interface Migration {
  config: MigrationConfig;
  createdAt: number;
  /** `start_date`: the task's last start, resume or restart (model). */
  startedAt?: number;
  finishedAt?: number;
  /** Work done before `since`, in ms. */
  workMs: number;
  /** Since when it runs (clock ms): set only in RUNNING. */
  since?: number;
  /** When the work crossed each sub-task boundary: [2k] sub-task k began, [2k + 1] it ended. */
  marks: number[];
  /** It failed: the read shows `error_json`. */
  failed: boolean;
  /** Its seeded failure happened: a resumed or restarted task goes on. */
  failureSpent: boolean;
  cloneAt?: number;
  networkCheckAt?: number;
}

/** Which part of a migration a state stands for (model); a state the spec adds later counts as paused. */
export type Phase = 'new' | 'running' | 'paused' | 'failed' | 'done' | 'syncing' | 'synced' | 'sync_failed';
const PHASES: Record<string, Phase> = {
  READY: 'new',
  RUNNING: 'running',
  ABORTING: 'paused',
  ABORT: 'paused',
  SKIPPING: 'paused',
  DELETING: 'paused',
  RESETING: 'paused',
  MIGRATE_FAIL: 'failed',
  MIGRATE_SUCCESS: 'done',
  SYNCING: 'syncing',
  SYNC_SUCCESS: 'synced',
  SYNC_FAIL: 'sync_failed',
  SYNC_F_ROLLBACKING: 'sync_failed',
  SYNC_F_ROLLBACK_SUCCESS: 'sync_failed',
};
export const phaseOf = (state: string): Phase => (Object.hasOwn(PHASES, state) ? PHASES[state]! : 'paused');
/** The phases whose full replication is over, and that only continuous synchronisation reaches. */
export const REPLICATED: readonly Phase[] = ['done', 'syncing', 'synced', 'sync_failed'];
export const CONTINUOUS: readonly Phase[] = ['syncing', 'synced', 'sync_failed'];
/** The phases a task can stand part-way through its migration in (a seed's `progress`). */
export const PARTIAL: readonly Phase[] = ['running', 'paused', 'failed'];
/** The phases with the failure still ahead (a seed's `fail_at`). */
export const BEFORE_FAILURE: readonly Phase[] = ['new', 'running', 'paused'];
const FINISHED: readonly Phase[] = ['done', 'failed', 'synced', 'sync_failed'];
const FAILED: readonly Phase[] = ['failed', 'sync_failed'];

/** A clone_test's clone takes this long to be made (model). */
const CLONE_MS = 10 * 60_000;

interface Step {
  name: string;
  from: number;
  to: number;
  migrates: boolean;
}

/** The sub-tasks a migration runs, each with its share of the work (model; the names are Huawei's). */
function planOf(config: MigrationConfig): Step[] {
  const steps: [string, number][] = [
    ['CREATE_CLOUD_SERVER', 2],
    ['SSL_CONFIG', 1],
    ['ATTACH_AGENT_IMAGE', 2],
    [config.type, 90],
  ];
  // With continuous synchronisation the target is configured when it is launched, which the sandbox does not run.
  if (!config.continuousSync) steps.push([`CONFIGURE_${config.osType}`, 3], ['DETTACH_AGENT_IMAGE', 2]);
  const total = steps.reduce((sum, [, share]) => sum + share, 0);
  let done = 0;
  return steps.map(([name, share]) => {
    const from = Math.round((done / total) * config.durationMs);
    done += share;
    return { name, from, to: Math.round((done / total) * config.durationMs), migrates: name === config.type };
  });
}

/** The work done by `now`, in ms. */
export const workAt = (m: Migration, now: number) => (m.since === undefined ? m.workMs : m.workMs + (now - m.since));

/** When the work crossed `boundary` (ms of work), or undefined if it has not. */
function crossedAt(m: Migration, boundary: number, now: number): number | undefined {
  if (m.since === undefined || boundary > workAt(m, now)) return undefined;
  return m.since + Math.max(0, boundary - m.workMs);
}

/** Starts the work running at `at`. */
export function run(m: Migration, at: number): void {
  m.since = at;
}

/** Stops the work at `at`, noting when each sub-task boundary it crossed was crossed. */
export function pause(m: Migration, at: number): void {
  if (m.since === undefined) return;
  const note = (index: number, boundary: number) => {
    if (m.marks[index] !== undefined) return;
    const crossed = crossedAt(m, boundary, at);
    if (crossed !== undefined) m.marks[index] = crossed;
  };
  planOf(m.config).forEach((step, k) => {
    note(2 * k, step.from);
    note(2 * k + 1, step.to);
  });
  m.workMs = workAt(m, at);
  m.since = undefined;
}

/** A new run from the start: no work, no sub-tasks. */
export function rewind(m: Migration): void {
  Object.assign(m, { workMs: 0, since: undefined, marks: [], failed: false, finishedAt: undefined });
}

/** What the clock does next to a RUNNING task: fail or end its full replication, and when. */
export function nextEvent(m: Migration): { at: number; fails: boolean } | undefined {
  if (m.since === undefined) return undefined;
  const { durationMs, failAtMs } = m.config;
  const fails = failAtMs !== undefined && !m.failureSpent && failAtMs < durationMs;
  const work = fails ? failAtMs : durationMs;
  return { at: m.since + Math.max(0, work - m.workMs), fails };
}

/**
 * A task's migration as its seed describes it at `now`: one that has begun ran without a break up
 * to where it stands (its `progress`, or all of it), and stopped there unless it runs on.
 */
export function migrationAt(config: MigrationConfig, state: string, progress: number, now: number): Migration {
  const m: Migration = { config, createdAt: now, workMs: 0, marks: [], failed: false, failureSpent: false };
  const phase = phaseOf(state);
  if (phase === 'new') return m;
  const work = REPLICATED.includes(phase) ? config.durationMs : Math.round(progress * config.durationMs);
  m.startedAt = m.createdAt = now - work;
  run(m, now - work);
  if (phase === 'running') return m;
  pause(m, now);
  if (FINISHED.includes(phase)) m.finishedAt = now;
  if (FAILED.includes(phase)) m.failed = m.failureSpent = true;
  return m;
}

/** 128 bits from `text`, written as a UUID: ids the sandbox makes up, the same for the same task. */
export function uuidFrom(text: string): string {
  const hex = [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x27d4eb2f]
    .map((seed) => {
      let hash = seed;
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
      return hash.toString(16).padStart(8, '0');
    })
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the task's source server: the seed's, or one made from the task's id. */
export const sourceServerOf = (id: string, config: MigrationConfig) =>
  config.sourceServerId ?? uuidFrom(`source:${id}`);

/** The step the work is in (the last one once it is all done). */
const stepAt = (steps: Step[], work: number) => steps.find((step) => work < step.to) ?? steps.at(-1)!;

/** The task as `GET /v3/tasks/{task_id}` answers it, at `now`. */
export function taskRead(id: string, state: string, m: Migration, now: number): Json {
  const { config } = m;
  const phase = phaseOf(state);
  const steps = planOf(config);
  const work = Math.min(workAt(m, now), config.durationMs);
  const step = stepAt(steps, work);
  const left = REPLICATED.includes(phase) ? 0 : config.durationMs - work;
  const transferring = (phase === 'running' && step.migrates) || phase === 'syncing';
  const subTasks = steps.flatMap((each, k) => {
    const start = m.marks[2 * k] ?? crossedAt(m, each.from, now);
    if (start === undefined) return [];
    const end = m.marks[2 * k + 1] ?? crossedAt(m, each.to, now);
    const share = (work - each.from) / (each.to - each.from);
    return [
      {
        id: k + 1,
        name: each.name,
        progress: end === undefined ? Math.min(99, Math.max(0, Math.floor(share * 100))) : 100,
        start_date: start,
        ...(end !== undefined && { end_date: end }),
        ...(each.migrates && { migrate_speed: config.speedMbit }),
      },
    ];
  });
  const error = phase === 'sync_failed' ? 'the synchronisation failed' : `${step.name} failed`;
  return {
    id,
    name: config.name,
    type: config.type,
    os_type: config.osType,
    state,
    priority: 1,
    enterprise_project_id: config.enterpriseProjectId,
    start_target_server: true,
    connected: config.connected,
    create_date: m.createdAt,
    ...(m.startedAt !== undefined && { start_date: m.startedAt }),
    ...(m.finishedAt !== undefined && { finish_date: m.finishedAt }),
    ...(phase === 'running' && { estimate_complete_time: now + left }),
    migrate_speed: transferring ? config.speedMbit : 0,
    remain_seconds: Math.ceil(left / 1000),
    ...(m.failed && {
      error_json:
        config.errorJson ??
        JSON.stringify({ error_code: 'SANDBOX.FAIL', error_msg: `${error} (a failure the sandbox was given).` }),
    }),
    source_server: { id: sourceServerOf(id, config), name: config.name },
    target_server: { name: config.name },
    sub_tasks: subTasks,
    ...(m.cloneAt !== undefined && { clone_server: cloneServer(id, config, now - m.cloneAt) }),
    ...(m.networkCheckAt !== undefined && { network_check_info: networkCheck(config) }),
    need_migration_test: false,
  };
}

function cloneServer(id: string, config: MigrationConfig, age: number): Json {
  const made = age >= CLONE_MS;
  return {
    name: `${config.name}-clone`,
    clone_state: made ? 'FINISHED' : 'CREATING',
    ...(made && { vm_id: uuidFrom(`clone:${id}`) }),
  };
}

/** A network check that found nothing wrong (model: fixed values). */
const networkCheck = (config: MigrationConfig): Json => ({
  domain_connectivity: true,
  destination_connectivity: true,
  network_delay: 20,
  network_jitter: 2,
  migration_speed: config.speedMbit,
  loss_percentage: 0,
  cpu_usage: 10,
  mem_usage: 20,
});

/** The task as a page of `GET /v3/tasks` lists it: the spec's `TaskListItem` fields only, and `syncing`. */
export function listItem(read: Json, m: Migration): Json {
  const item: Json = {};
  for (const field of LIST_ITEM_FIELDS) if (read[field] !== undefined) item[field] = read[field];
  if (LIST_ITEM_FIELDS.includes('syncing')) item.syncing = m.config.continuousSync;
  return item;
}
