// Every client measured, each as `async call()` sending the same request:
// POST /v3/tasks/{task_id}/action {"operation":"start"} with a token or an AK/SK signature.
import { createRequire } from 'node:module';
import { Agent, request } from 'node:http';
import createClient from 'openapi-fetch';
import { Pool } from 'undici';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as nodeEntry from '@sms-task/client';
import { akskAuth as nodeAksk } from '@sms-task/client/aksk';

const require = createRequire(import.meta.url);
// The default (non-node) export condition: the global-fetch build that browsers get.
const dist = join(dirname(require.resolve('@sms-task/client/package.json')), 'dist');
const fetchEntry = await import(pathToFileURL(join(dist, 'index.js')).href);
const { akskAuth: fetchAksk } = await import(pathToFileURL(join(dist, 'aksk.js')).href);
const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
const BODY = JSON.stringify({ operation: 'start' });
const TOKEN = 'bench-token';
const AKSK = { ak: 'BENCHAK', sk: 'bench-secret-key', domainId: 'bench-domain' };

function nodeHttpFloor(base) {
  const agent = new Agent({ keepAlive: true });
  const url = new URL(`${base}/v3/tasks/${TASK}/action`);
  const headers = {
    'content-type': 'application/json',
    'x-auth-token': TOKEN,
    'content-length': Buffer.byteLength(BODY),
  };
  return () =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      });
      req.on('error', reject);
      req.end(BODY);
    });
}

// undici's pool, the fastest HTTP/1.1 client on Node: the floor of a client sent through it.
function undiciFloor(base) {
  const pool = new Pool(base, { connections: 64 });
  const path = `/v3/tasks/${TASK}/action`;
  const headers = { 'content-type': 'application/json', 'x-auth-token': TOKEN };
  return async () => JSON.parse(await (await pool.request({ path, method: 'POST', headers, body: BODY })).body.text());
}

function rawFetch(base) {
  const url = `${base}/v3/tasks/${TASK}/action`;
  return async () =>
    (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
        body: BODY,
      })
    ).json();
}

function bareOpenapiFetch(base) {
  const client = createClient({ baseUrl: base });
  return async () =>
    (
      await client.POST('/v3/tasks/{task_id}/action', {
        params: { path: { task_id: TASK } },
        body: { operation: 'start' },
        headers: { 'X-Auth-Token': TOKEN },
      })
    ).data;
}

const ours = (entry, auth, transport) => (base) => {
  const sms = entry.createSmsClient({
    endpoint: base,
    auth,
    retry: false,
    ...(transport && { transport: transport(base) }),
  });
  return () => sms.tasks.start(TASK);
};

function official(auth) {
  return (base) => {
    const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');
    const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials');
    const credential =
      auth === 'aksk' ? new GlobalCredentials().withAk(AKSK.ak).withSk(AKSK.sk).withDomainId(AKSK.domainId) : undefined;
    let builder = new ClientBuilder((hcClient) => hcClient).withEndpoint(base);
    builder = builder.withCredential(
      credential ?? new GlobalCredentials().withAk('unused').withSk('unused').withDomainId('unused'),
    );
    const hc = builder.build();
    if (auth === 'token') hc.credential = undefined; // token auth: no signing, the header only
    // What the generated SmsClient.updateTaskStatus sends through the core's HcClient.
    return () =>
      hc.sendRequest({
        method: 'POST',
        url: '/v3/tasks/{task_id}/action',
        contentType: 'application/json;charset=UTF-8',
        headers: auth === 'token' ? { 'X-Auth-Token': TOKEN } : {},
        queryParams: {},
        pathParams: { task_id: TASK },
        data: { operation: 'start' },
      });
  };
}

export const CLIENTS = [
  { id: 'node-http', name: '`node:http` keep-alive Agent (transport floor)', make: nodeHttpFloor },
  { id: 'undici-pool', name: 'undici `Pool.request` (floor of the dispatcher option)', make: undiciFloor },
  { id: 'raw-fetch', name: 'raw global `fetch`', make: rawFetch },
  { id: 'openapi-fetch', name: 'bare openapi-fetch over global fetch', make: bareOpenapiFetch },
  {
    id: 'client-node-token',
    name: '**@sms-task/client**, Node transport, token',
    make: ours(nodeEntry, { token: TOKEN }),
  },
  {
    id: 'client-undici-token',
    name: '**@sms-task/client**, Node transport over an undici `Pool` (`transport.dispatcher`), token',
    make: ours(nodeEntry, { token: TOKEN }, (base) => ({ dispatcher: new Pool(base, { connections: 64 }) })),
  },
  {
    id: 'client-node-aksk',
    name: '**@sms-task/client**, Node transport, AK/SK',
    make: ours(nodeEntry, nodeAksk(AKSK)),
  },
  {
    id: 'client-fetch-token',
    name: '@sms-task/client, fetch transport, token',
    make: ours(fetchEntry, { token: TOKEN }),
  },
  {
    id: 'client-fetch-aksk',
    name: '@sms-task/client, fetch transport, AK/SK',
    make: ours(fetchEntry, fetchAksk(AKSK)),
  },
  { id: 'official-token', name: 'official Huawei core SDK, token header', make: official('token') },
  { id: 'official-aksk', name: 'official Huawei core SDK, AK/SK', make: official('aksk') },
];
