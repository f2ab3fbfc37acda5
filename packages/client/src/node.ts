// The entry Node resolves (export condition `node`): the same API, with calls sent over
// node:http(s) and a keep-alive agent unless a `fetch` is passed.
import { createClientWith } from './client.js';
import type { SmsClient, SmsClientOptions } from './types.js';
import { createNodeFetch, NodeAbortHandle, NodeRequest, type NodeTransportOptions } from './transport/node.js';

export * from './index.js';
export type { AbortEmitter, DispatcherLike, NodeTransportOptions } from './transport/node.js';

export interface NodeSmsClientOptions extends SmsClientOptions {
  /** Tuning of the Node transport (agent, extra CA, max sockets, idle timeout, undici dispatcher). Ignored when `fetch` is given. */
  transport?: NodeTransportOptions;
}

export function createSmsClient(options: NodeSmsClientOptions): SmsClient {
  return createClientWith(options, {
    fetch: createNodeFetch(options?.transport),
    Request: NodeRequest,
    AbortController: NodeAbortHandle,
  });
}
