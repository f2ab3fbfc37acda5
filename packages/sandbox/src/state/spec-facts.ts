// What the sandbox's tasks take from the bundled spec: the task states, the values of a task's
// `type` and `os_type`, and the fields a page of `GET /v3/tasks` lists. Read once, from the spec
// the build carries (the sandbox also runs in a browser).
import bundledSpec from '@sms-task/spec/openapi.json' with { type: 'json' };
import { readSpec } from '@sms-task/spec/reader';

type Json = Record<string, any>;

const spec = readSpec(bundledSpec);
const schemaOf200 = (operation: Json | undefined, what: string): Json => {
  if (!operation) throw new Error(`the spec has no ${what}`);
  return spec.dereference(spec.resolve(operation.responses['200']).content['application/json'].schema) as Json;
};
const task = schemaOf200(spec.read?.operation, 'task read (showTask)');
const page = schemaOf200(spec.list?.operation, 'list read (listTasks)');

/** The values of an enum, or of the enum branch of an open one (`anyOf: [{ enum }, { type: string }]`). */
function enumOf(schema: Json | undefined, what: string): string[] {
  const values = schema?.enum ?? schema?.anyOf?.find((branch: Json) => branch.enum)?.enum;
  if (!Array.isArray(values)) throw new Error(`the spec's ${what} lists no values`);
  return values;
}

/** The task states the spec's `TaskState` lists, in its order. */
export const SPEC_STATES: readonly string[] = Object.freeze(enumOf(task.properties?.state, 'Task.state'));
/** `MIGRATE_FILE`, `MIGRATE_BLOCK`. */
export const TASK_TYPES: readonly string[] = Object.freeze(enumOf(task.properties?.type, 'Task.type'));
/** `WINDOWS`, `LINUX`. */
export const OS_TYPES: readonly string[] = Object.freeze(enumOf(task.properties?.os_type, 'Task.os_type'));
/** The fields of a `TaskListItem`: a page lists these of each task, and no others. */
export const LIST_ITEM_FIELDS: readonly string[] = Object.freeze(
  Object.keys(page.properties?.tasks?.items?.properties ?? {}),
);
