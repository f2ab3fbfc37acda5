// The server's log: standard error only (standard output is the protocol's), one line an event,
// redacted like every result.
import type { Redactor } from './redact.js';

export type Log = (text: string) => void;

export function stderrLog(redact: Redactor, stream: NodeJS.WritableStream = process.stderr): Log {
  return (text) => {
    stream.write(`sms-task-mcp: ${redact.text(text)}\n`);
  };
}
