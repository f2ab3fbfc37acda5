export { createSandbox, SandboxConfigError } from './sandbox.js';
export type { Sandbox, SandboxOptions } from './sandbox.js';
export { startSandboxServer } from './server.js';
export type { SandboxServer, SandboxServerOptions } from './server.js';
export { TRANSITIONS, STATES, TRANSITIONAL_STATES, decide } from './transitions.js';
export type { TaskState, TransitionalState, Move, OperationRules, Decision } from './transitions.js';
export type { Fault } from './faults.js';
export type { Answer, SandboxAnswer, SandboxRequest } from './handler.js';
export type { HistoryEntry, TaskView, SeedTask } from './tasks.js';
