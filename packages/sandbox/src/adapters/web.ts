// The sandbox behind WHATWG Request and Response, as the in-process fetch and the MSW handlers
// see it: a Request becomes the handler's request, its answer a Response (null: no answer).
import type { Answer, SandboxRequest } from '../protocol/messages.js';

/** The request for the handler; the body is read whole, since a Request holds it in memory already. */
export async function fromWebRequest(request: Request, maxBodyBytes: number): Promise<SandboxRequest> {
  const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array();
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    body: bytes.byteLength > maxBodyBytes ? undefined : new TextDecoder().decode(bytes),
  };
}

export function toWebResponse(answer: NonNullable<Answer>): Response {
  return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
}
