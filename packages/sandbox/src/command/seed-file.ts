// Where in a seed file a task that the sandbox refuses stands, so the error can name the line.

/** The 1-based line of the task that `message` (`tasks[N]…`) is about, or undefined. */
export function seedLine(text: string, message: string): number | undefined {
  const index = /^tasks\[(\d+)\]/.exec(message)?.[1];
  if (index === undefined) return undefined;
  // The N-th object that opens right inside the "tasks" array; strings are skipped, since a task's
  // text (an error_json) may hold braces of its own.
  const start = text.indexOf('[', text.search(/"tasks"\s*:/));
  if (start < 0) return undefined;
  let seen = -1;
  let depth = 0;
  for (let at = start + 1; at < text.length && depth >= 0; at++) {
    const char = text[at];
    if (char === '"') {
      while (++at < text.length && text[at] !== '"') if (text[at] === '\\') at++;
    } else if (char === '{' || char === '[') {
      if (depth++ === 0 && char === '{' && ++seen === Number(index)) return text.slice(0, at).split('\n').length;
    } else if (char === '}' || char === ']') depth--;
  }
  return undefined;
}
