// The two reads as the tests send them: over `sandbox.fetch` (in process) or to a server's URL,
// with a token, the answer's status, headers and body parsed.
import type { Sandbox } from '../dist/index.js';

export interface Read {
  status: number;
  headers: Headers;
  body: any;
}

/** GET `path` (`/v3/tasks/…` or `/v3/tasks?…`) with a token, from the sandbox in process or a server's URL. */
export async function get(via: Sandbox | string, path: string, headers: Record<string, string> = {}): Promise<Read> {
  const init = { headers: { 'x-auth-token': 'test-token', ...headers } };
  const response =
    typeof via === 'string' ? await fetch(`${via}${path}`, init) : await via.fetch(`${via.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The task read's body (`GET /v3/tasks/{task_id}`); fails the test on any other status. */
export async function readTask(via: Sandbox | string, id: string): Promise<any> {
  const read = await get(via, `/v3/tasks/${encodeURIComponent(id)}`);
  if (read.status !== 200) throw new Error(`the read of ${id} answered ${read.status}: ${JSON.stringify(read.body)}`);
  return read.body;
}

/** POST a task action with a token; its status. */
export async function act(sandbox: Sandbox, id: string, operation: string, fields: object = {}): Promise<number> {
  const response = await sandbox.fetch(`${sandbox.url}/v3/tasks/${encodeURIComponent(id)}/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': 'test-token' },
    body: JSON.stringify({ operation, ...fields }),
  });
  await response.body?.cancel();
  return response.status;
}
