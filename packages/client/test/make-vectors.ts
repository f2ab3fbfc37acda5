// Regenerates test/vectors/aksk.json with the OFFICIAL signer: `pnpm --filter @sms-task/client vectors`.
// The vectors are committed so that the signer stays checked even without the official package.
import { writeFileSync } from 'node:fs';
import { sdkDate } from '../src/auth/aksk.js';
import { encodeSegment } from '../src/encode.js';
import { officialAuthorization } from './official-signer.js';

const base = 'https://sms.ap-southeast-3.myhuaweicloud.com';
const cases = [
  {
    name: 'start',
    id: '7a9a9540-ff28-4869-b9e4-855fbe12xxxx',
    body: { operation: 'start' },
    date: '2026-01-27T08:00:00Z',
  },
  {
    name: 'clone_test with template',
    id: '7a9a9540-ff28-4869-b9e4-855fbe12xxxx',
    body: { operation: 'clone_test', template_id: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxx0001' },
    date: '2026-01-27T08:00:01Z',
  },
  {
    name: 'domain id',
    id: 'task-1',
    body: { operation: 'stop' },
    date: '2026-06-30T23:59:59Z',
    domainId: '0123456789abcdef0123456789abcdef',
  },
  {
    name: 'temporary credentials',
    id: 'task-1',
    body: { operation: 'restart', is_need_consistency_check: true },
    date: '2030-12-31T12:00:00Z',
    domainId: 'd',
    securityToken: 'gQpjbi1ub3J0aC00...',
  },
  {
    name: 'id that needs encoding',
    id: "a/b c?d#e%f'g(h)*!~",
    body: { operation: 'skip' },
    date: '2026-02-28T00:00:00Z',
  },
  {
    name: 'unicode id',
    id: 'задача-😀-é',
    body: { operation: 'migration_test', switch_hce: true },
    date: '2026-03-01T01:02:03Z',
  },
  {
    name: 'different keys',
    id: 'x',
    body: { operation: 'network_check' },
    date: '2026-04-01T00:00:00Z',
    ak: 'AK2',
    sk: 'another-secret',
  },
];

const vectors = cases.map((c) => {
  const ak = c.ak ?? 'HPUAEXAMPLEAK0000001';
  const sk = c.sk ?? 'SECRET-SK-9b1c2d-never-print-me';
  const url = `${base}/v3/tasks/${encodeSegment(c.id)}/action`;
  const body = JSON.stringify(c.body);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Sdk-Date': sdkDate(new Date(c.date)),
  };
  if (c.domainId) headers['X-Domain-Id'] = c.domainId;
  if (c.securityToken) headers['X-Security-Token'] = c.securityToken;
  return {
    name: c.name,
    ak,
    sk,
    date: c.date,
    ...(c.domainId ? { domainId: c.domainId } : {}),
    ...(c.securityToken ? { securityToken: c.securityToken } : {}),
    url,
    body,
    authorization: officialAuthorization({ method: 'POST', url, headers, body }, ak, sk),
  };
});
writeFileSync(new URL('./vectors/aksk.json', import.meta.url), `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${vectors.length} vectors`);
