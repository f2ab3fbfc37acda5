// Where in a seed file a task that the sandbox refuses stands, so the error can name the line.

/** The 1-based line of the task that `message` (`tasks[N]…`) is about, or undefined. */
export function seedLine(text: string, message: string): number | undefined {
  const index = /^tasks\[(\d+)\]/.exec(message)?.[1];
  if (index === undefined) return undefined;
  // The N-th object opening inside the "tasks" array: seeds hold flat { id, state } objects.
  const start = text.indexOf('[', text.search(/"tasks"\s*:/));
  if (start < 0) return undefined;
  let seen = -1;
  for (let at = start; at < text.length; at++) {
    if (text[at] === '{' && ++seen === Number(index)) return text.slice(0, at).split('\n').length;
  }
  return undefined;
}
