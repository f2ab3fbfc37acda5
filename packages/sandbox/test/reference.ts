// The state rules as the tests expect them, written from Huawei's documented rules (start, stop,
// restart) and decision 0004 (the rest), apart from the sandbox's own table.
// Where each operation takes a task from a state: "X" straight to X, "V>X" through V, "=" stays, "V>=" through V and back.
const FINISHED = { MIGRATE_SUCCESS: '=', SYNC_SUCCESS: '=' };
const RAN = ['MIGRATE_SUCCESS', 'SYNC_SUCCESS', 'MIGRATE_FAIL', 'SYNC_FAIL', 'ABORT'];
export const REFERENCE: Record<string, [Record<string, string>, string]> = {
  start: [{ READY: 'RUNNING', ABORT: 'RUNNING', MIGRATE_FAIL: 'RUNNING', SYNC_FAIL: 'SYNCING' }, 'SMS.1039'],
  stop: [{ RUNNING: 'ABORTING>ABORT', SYNCING: 'ABORTING>ABORT' }, 'SMS.1038'],
  restart: [{ MIGRATE_FAIL: 'RESETING>RUNNING', SYNC_FAIL: 'RESETING>RUNNING' }, 'SMS.1040'],
  test: [FINISHED, 'SANDBOX.0409'],
  clone_test: [FINISHED, 'SANDBOX.0409'],
  migration_test: [FINISHED, 'SANDBOX.0409'],
  network_check: [Object.fromEntries([...RAN, 'READY', 'RUNNING', 'SYNCING'].map((s) => [s, '='])), 'SANDBOX.0409'],
  clear: [Object.fromEntries(RAN.map((s) => [s, 'DELETING>='])), 'SANDBOX.0409'],
  skip: [{ RUNNING: 'SKIPPING>=', SYNCING: 'SKIPPING>=' }, 'SANDBOX.0409'],
};
