// What runs in a browser as well as in Node: everything but the server. Bundlers pick it by the
// `browser` export condition (for MSW's setupWorker, the sandbox runs in the page).
export { createSandbox, SandboxConfigError } from './sandbox.js';
export type { Sandbox, SandboxOptions } from './sandbox.js';
export { TRANSITIONS, STATES, TRANSITIONAL_STATES, decide } from './transitions.js';
export type { TaskState, TransitionalState, Move, OperationRules, Decision } from './transitions.js';
export type { Fault } from './faults.js';
export type { Answer, SandboxAnswer, SandboxRequest } from './handler.js';
export type { HistoryEntry, TaskView, SeedTask } from './tasks.js';
export type { SandboxCall, CredentialKind } from './calls.js';
export type { ApiCall, Override, OverrideOptions, OverrideReply, Reply } from './overrides.js';
