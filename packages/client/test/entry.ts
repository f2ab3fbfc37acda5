// The client entry under test: the default (global fetch) one, or the Node transport one when the
// vitest project sets SMS_TEST_TRANSPORT=node. Every behaviour test runs against both, with the
// AK/SK entry the same export condition picks (Web Crypto, or node:crypto on Node).
import * as fetchAksk from '../src/aksk.js';
import * as nodeAksk from '../src/aksk-node.js';
import * as fetchEntry from '../src/index.js';
import * as nodeEntry from '../src/node.js';

export const transport = process.env.SMS_TEST_TRANSPORT === 'node' ? 'node' : 'fetch';
export const createSmsClient: typeof fetchEntry.createSmsClient = transport === 'node' ? nodeEntry.createSmsClient : fetchEntry.createSmsClient;
export const akskAuth: typeof fetchAksk.akskAuth = transport === 'node' ? nodeAksk.akskAuth : fetchAksk.akskAuth;
