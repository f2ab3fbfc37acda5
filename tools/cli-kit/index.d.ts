import type { ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The values parseArgs gives for these options (typed from them, as a direct call would be). */
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O }>>['values'];

export interface CommandLine<O extends Options> {
  values: Values<O>;
  positionals: string[];
  /** Ends the process: `name: reason`, the usage, exit code 2. */
  refuse(reason: string): never;
  /** The port `text` names, or the process ends with a refusal naming `label` (`--port`, `SMS_MOCK_PORT`). */
  port(text: string | undefined, label: string): number;
}

export function readCommandLine<const O extends Options>(command: {
  /** How the command calls itself in its messages, e.g. `sms-contract-proxy`. */
  name: string;
  usage: string;
  options: O;
  /** The command's package.json: given, `--version`/`-v` prints `name version` from it. */
  packageJson?: URL;
  allowPositionals?: boolean;
}): CommandLine<O>;

export function parsePort(text: string | undefined): number | undefined;
export function isPortInUse(error: unknown): boolean;
export function portInUse(port: number, how: { what?: string; how: string }): string;
export function isHttpUrl(value: string): boolean;
