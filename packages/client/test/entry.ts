// The client entry under test, picked by the vitest project's SMS_TEST_TRANSPORT: the default
// (global fetch) one; the Node one over node:http; or the Node one sending through an undici
// dispatcher. Every behaviour test runs against all three, with the AK/SK entry the same export
// condition picks (Web Crypto, or node:crypto on Node).
import { Agent } from 'undici';
import * as fetchAksk from '../src/aksk.js';
import * as nodeAksk from '../src/aksk-node.js';
import * as fetchEntry from '../src/index.js';
import * as nodeEntry from '../src/node.js';

export const transport =
  process.env.SMS_TEST_TRANSPORT === 'node' || process.env.SMS_TEST_TRANSPORT === 'undici'
    ? process.env.SMS_TEST_TRANSPORT
    : 'fetch';
// One dispatcher for the worker, as an application would share one: it serves any origin. Counted,
// so that a test can prove the calls of this project really go through it.
const agent = transport === 'undici' ? new Agent() : undefined;
let dispatched = 0;
const dispatcher = agent && {
  request: (options: Parameters<Agent['request']>[0]) => (dispatched++, agent.request(options)),
};
/** Requests sent through the undici dispatcher in this worker (always 0 outside the undici project). */
export const dispatchedCount = () => dispatched;

export const createSmsClient: typeof fetchEntry.createSmsClient =
  transport === 'fetch'
    ? fetchEntry.createSmsClient
    : // Inherits from the caller's options rather than copying them: tests change some after creation.
      (options) =>
        nodeEntry.createSmsClient(
          dispatcher ? Object.assign(Object.create(options), { transport: { dispatcher } }) : options,
        );
export const akskAuth: typeof fetchAksk.akskAuth = transport === 'fetch' ? fetchAksk.akskAuth : nodeAksk.akskAuth;
