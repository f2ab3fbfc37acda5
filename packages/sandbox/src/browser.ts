// What runs in a browser as well as in Node: everything but the server. Bundlers pick it by the
// `browser` export condition (for MSW's setupWorker, the sandbox runs in the page).
export { createSandbox, SandboxConfigError } from './adapters/sandbox.js';
export type { Sandbox, SandboxOptions, TaskSetting } from './adapters/sandbox.js';
export { TRANSITIONS, STATES, TRANSITIONAL_STATES, SOURCES, decide } from './state/transitions.js';
export type { TaskState, TransitionalState, Move, OperationRules, Decision } from './state/transitions.js';
export type { Fault, FaultMethod } from './state/faults.js';
export type { HistoryEntry, TaskView } from './state/tasks.js';
export type { SeedTask } from './state/seed.js';
export type { Answer, SandboxAnswer, SandboxRequest } from './protocol/messages.js';
export type { SandboxCall, CredentialKind } from './protocol/calls.js';
export type { ApiCall, Override, OverrideOptions, OverrideReply, Reply } from './protocol/overrides.js';
