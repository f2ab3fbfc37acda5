// @sms-task/wave: the wave engine the command line and the MCP server drive. Re-exports only; each
// module has one job (see the package's README).
export * from './config.js';
export * from './errors.js';
export * from './journal.js';
export * from './journal-read.js';
export * from './lost-call.js';
export * from './outcome.js';
export * from './plan.js';
export * from './queue.js';
export * from './rate.js';
export * from './read-tasks.js';
export * from './source.js';
export * from './summary.js';
export * from './task-row.js';
export * from './wait.js';
export * from './wave.js';
