// The list read, `GET /v3/tasks`: the tasks that match every filter the query gives, in the order
// the sandbox created them, one page of them (`offset`, `limit`), and how many match in all.
import { sourceServerOf } from '../state/migration.js';
import type { ListedTask, TaskStore } from '../state/tasks.js';
import type { ListQuery } from './api-rules.js';

/** Each filter of the query, and the task's value it is compared with (the same, exactly). */
const FILTERS: Record<string, (task: ListedTask) => string> = {
  state: (task) => task.state,
  name: (task) => task.config.name,
  id: (task) => task.id,
  source_server_id: (task) => sourceServerOf(task.id, task.config),
  enterprise_project_id: (task) => task.config.enterpriseProjectId,
};

export function listTasks(store: TaskStore, query: ListQuery) {
  const filters = Object.entries(FILTERS).filter(([name]) => query[name] !== undefined);
  const match = (task: ListedTask) => filters.every(([name, field]) => field(task) === query[name]);
  return store.page(match, Number(query.offset ?? 0), Number(query.limit ?? Number.POSITIVE_INFINITY));
}
