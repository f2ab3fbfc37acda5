// The `tasks` helpers: one per operation of the spec (`start`, `cloneTest`, …), generated from the
// spec's operation list, so a new operation in the spec gets its helper without code here; beside
// them the action itself, its preview, the action prepared for many tasks, and the reads.
import { OPERATIONS } from './generated/spec-facts.js';
import { listPages } from './pages.js';
import type { RequestOptions, TaskActionRequest, TaskActions } from './types.js';

type Core = Pick<TaskActions, 'action' | 'preview' | 'prepare' | 'read' | 'list'>;

export function taskHelpers(core: Core): TaskActions {
  const { action } = core;
  const tasks: Record<string, unknown> = { ...core, pages: listPages(core.list) };
  for (const operation of OPERATIONS) {
    // Fields that are not an object go to the body check as they are: spread, a string would
    // become the unknown fields "0", "1"…
    tasks[camelCase(operation)] = (taskId: string, fields?: object, options?: RequestOptions) =>
      action(
        taskId,
        (typeof fields === 'object' || fields === undefined ? { ...fields, operation } : fields) as TaskActionRequest,
        options,
      );
  }
  return Object.freeze(tasks) as TaskActions;
}

const camelCase = (name: string) => name.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
