// What goes in and out of the sandbox: plain requests and answers, which the server, the in-process
// fetch and the MSW handlers each adapt from and to their own; and where the control API lives.

/** The control API's paths start here, never mixed with the API's. */
export const CONTROL_PREFIX = '/__sandbox';

/** Whether `pathname` is the control API's. */
export const isControlPath = (pathname: string) =>
  pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);

export interface SandboxRequest {
  method: string;
  /** The full URL, as the client sent it (the AK/SK signature covers its host). */
  url: string;
  /** A header's value, by lower-case name; null when absent. */
  header(name: string): string | null;
  /** The body as text; undefined when it is larger than the limit it was read with. */
  body: string | undefined;
}

export interface SandboxAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** `null` means: close the connection without an answer. */
export type Answer = SandboxAnswer | null;

/** 32 hex digits, from Web Crypto (the sandbox runs in browsers too). */
export const requestId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
