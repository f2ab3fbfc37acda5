// Input the sandbox cannot use (a seed task, a clock move): the reason, for the caller to answer
// with its own kind of refusal (a SandboxConfigError in code, a 400 from the control API).
export class InputError extends Error {}
