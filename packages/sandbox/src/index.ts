export * from './browser.js';
export { startSandboxServer } from './adapters/server.js';
export type { SandboxServer, SandboxServerOptions } from './adapters/server.js';
export type { CorsOptions } from './adapters/cors.js';
