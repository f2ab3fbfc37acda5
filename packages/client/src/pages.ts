// Every page of the list read, one call a page, from the query's offset until `count` is reached.
// The list is read live: a task that changes while the pages are read (a state filter it leaves)
// can move between pages, so a walk is not a snapshot.
import { validationError } from './errors.js';
import { LIST_QUERY_RULES } from './generated/spec-facts.js';
import type { ListTasksQuery, RequestOptions, TaskActions, TaskListResult } from './types.js';

const { limit: LIMIT, offset: OFFSET } = LIST_QUERY_RULES;

export const listPages = (list: TaskActions['list']) =>
  async function* pages(query: ListTasksQuery = {}, options?: RequestOptions): AsyncGenerator<TaskListResult> {
    // The largest page the spec allows, unless asked: the fewest calls.
    const limit = query.limit ?? LIMIT.maximum;
    // A page of 0 tasks would never reach `count`.
    if (limit === 0) throw validationError('limit', 'minimum', 'must be at least 1 to walk the pages', 1);
    for (let offset = query.offset ?? OFFSET.default; ; offset += limit) {
      const page = await list({ ...query, limit, offset }, options);
      yield page;
      const { count, tasks } = page.data;
      if (!tasks.length || offset + tasks.length >= count) return;
      if (offset + limit > OFFSET.maximum) {
        throw validationError(
          'offset',
          'maximum',
          `the list read pages no further than offset ${OFFSET.maximum}: narrow the query (state, name…)`,
          OFFSET.maximum,
        );
      }
    }
  };
