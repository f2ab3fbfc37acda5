// What the package's two commands share: their arguments are parsed by node:util's parseArgs, and
// bad arguments end the process with a one-line reason and the usage (exit code 2) before anything
// starts; --help prints the usage, --version the package's version.
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The values parseArgs gives for these options (typed from them, as a direct call would be). */
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O }>>['values'];

export function readCommandLine<const O extends Options>(
  name: string,
  usage: string,
  options: O,
): { values: Values<O>; refuse(reason: string): never } {
  /** Ends the process: the reason, the usage, exit code 2. */
  const refuse = (reason: string): never => {
    console.error(`${name}: ${reason}\n${usage}`);
    process.exit(2);
  };
  let values: Values<O> & { help?: boolean; version?: boolean };
  try {
    values = parseArgs({
      options: { ...options, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    }).values as Values<O> & { help?: boolean; version?: boolean };
  } catch (error) {
    return refuse((error as Error).message);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (values.version) {
    // src/ and dist/ both sit beside the package's package.json.
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    console.log(`${name} ${version}`);
    process.exit(0);
  }
  return { values, refuse };
}

/** An absolute http: or https: URL. */
export const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
