// How calls leave the client, decided here only.
import type { SmsClientOptions, Transport } from '../types.js';

/**
 * The transport of a call made now: a `fetch` the caller gave (read at each call, so one set or
 * patched later is used), with the global Request and AbortController that such a fetch expects;
 * else the entry's own (the Node entry's node:http transport); else the global fetch.
 */
export function chooseTransport(options: SmsClientOptions, entry: Transport | undefined): Transport {
  if (entry && !options.fetch) return entry;
  return { fetch: options.fetch ?? globalThis.fetch, Request: globalThis.Request, AbortController };
}
