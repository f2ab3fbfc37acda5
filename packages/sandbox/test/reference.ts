// The state rules as the tests expect them, written from Huawei's sources (huawei-sources.md) and
// decision 0004, apart from the sandbox's own table.
// Where each operation takes a task from a state: "X" straight to X, "V>X" through V, "=" stays, "V>=" through V and back.
import { SPEC_STATES } from './spec.js';

/** Where a launch finds a target server: continuous sync (the user guide), or a finished migration (model). */
const LAUNCHABLE = { SYNCING: '=', MIGRATE_SUCCESS: '=', SYNC_SUCCESS: '=' };
const RAN = ['MIGRATE_SUCCESS', 'SYNC_SUCCESS', 'MIGRATE_FAIL', 'SYNC_FAIL', 'ABORT'];
/** Between two states, or rolling back: every operation is refused (model). */
export const BETWEEN = ['ABORTING', 'SKIPPING', 'DELETING', 'RESETING', 'SYNC_F_ROLLBACKING'];
const SETTLED = SPEC_STATES.filter((state) => !BETWEEN.includes(state));

export const REFERENCE: Record<string, [Record<string, string>, string]> = {
  start: [{ READY: 'RUNNING', ABORT: 'RUNNING', MIGRATE_FAIL: 'RUNNING', SYNC_FAIL: 'SYNCING' }, 'SMS.1039'],
  stop: [{ RUNNING: 'ABORTING>ABORT', SYNCING: 'ABORTING>ABORT' }, 'SMS.1038'],
  // Straight to RUNNING: RESETING means "rolling back" (ShowTask), which a restart is not.
  restart: [{ MIGRATE_FAIL: 'RUNNING', SYNC_FAIL: 'RUNNING' }, 'SMS.1040'],
  test: [LAUNCHABLE, 'SANDBOX.0409'],
  clone_test: [LAUNCHABLE, 'SANDBOX.0409'],
  migration_test: [LAUNCHABLE, 'SANDBOX.0409'],
  network_check: [Object.fromEntries(SETTLED.map((s) => [s, '='])), 'SANDBOX.0409'],
  // Clearing shows on the source server, not as a task state: no DELETING.
  clear: [Object.fromEntries(RAN.map((s) => [s, '='])), 'SANDBOX.0409'],
  skip: [{ RUNNING: 'SKIPPING>=', SYNCING: 'SKIPPING>=' }, 'SANDBOX.0409'],
};
