export * from './browser.js';
export { startSandboxServer } from './server.js';
export type { SandboxServer, SandboxServerOptions } from './server.js';
