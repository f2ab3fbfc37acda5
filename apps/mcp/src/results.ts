// What a tool answers: its structured content (and the same as JSON text, for clients that read
// only text), or an error an agent can act on. Both are redacted, and a handler that throws is
// answered the same way, never with a stack or a raw message from below.
import type { CallToolResult, ServerContext } from '@modelcontextprotocol/server';
import type { Log } from './log.js';
import type { Redactor } from './redact.js';

export interface Answering {
  redact: Redactor;
  log: Log;
}

export function answer<T extends object>(app: Answering, structured: T): CallToolResult {
  const content = app.redact.value(structured);
  return { content: [{ type: 'text', text: JSON.stringify(content) }], structuredContent: content as never };
}

export function refuse(app: Answering, message: string): CallToolResult {
  return { content: [{ type: 'text', text: app.redact.text(message) }], isError: true };
}

/** The handler, with whatever it throws turned into an error result (and a log line). */
export function guarded<A>(
  app: Answering,
  tool: string,
  handler: (args: A, ctx: ServerContext) => Promise<CallToolResult>,
): (args: A, ctx: ServerContext) => Promise<CallToolResult> {
  return async (args, ctx) => {
    try {
      return await handler(args, ctx);
    } catch (error) {
      app.log(`${tool} failed: ${(error as Error).message}`);
      return refuse(app, `${tool} could not finish: ${(error as Error).message}`);
    }
  };
}
