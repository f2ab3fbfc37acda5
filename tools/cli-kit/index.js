// What the workspace's commands share. Arguments are parsed by node:util's parseArgs; bad usage
// ends the process with a one-line reason and the usage (exit code 2) before anything starts;
// --help prints the usage, --version the package's version. Published commands bundle this file.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * Reads the command line, or ends the process: --help (exit 0), --version when the command has a
 * package.json to read it from (exit 0), bad usage (exit 2).
 */
export function readCommandLine({ name, usage, options, packageJson, allowPositionals = false }) {
  const refuse = (reason) => {
    console.error(`${name}: ${reason}\n${usage}`);
    process.exit(2);
  };
  const own = { help: { type: 'boolean', short: 'h' } };
  if (packageJson) own.version = { type: 'boolean', short: 'v' };
  let parsed;
  try {
    parsed = parseArgs({ options: { ...options, ...own }, allowPositionals });
  } catch (error) {
    return refuse(error.message);
  }
  const { help, version, ...values } = parsed.values;
  if (help) {
    console.log(usage);
    process.exit(0);
  }
  if (version) {
    console.log(`${name} ${JSON.parse(readFileSync(packageJson, 'utf8')).version}`);
    process.exit(0);
  }
  return {
    values,
    positionals: parsed.positionals,
    refuse,
    port: (text, label) => parsePort(text) ?? refuse(`${label} must be a port number from 0 to 65535, got "${text}"`),
  };
}

/** A port number from 0 (the system picks a free one) to 65535, or undefined when `text` is not one. */
export function parsePort(text) {
  return /^\d{1,5}$/.test(text ?? '') && Number(text) <= 65_535 ? Number(text) : undefined;
}

/** Whether a server could not listen because the port is taken (a Node error, or a child's message). */
export function isPortInUse(error) {
  return error?.code === 'EADDRINUSE' || /EADDRINUSE/.test(String(error?.message ?? ''));
}

/** The one "port in use" line: the port (and what or where), and how to choose another. */
export function portInUse(port, { what, how }) {
  return `port ${port}${what ? ` ${what}` : ''} is in use: stop what listens there, or choose another with ${how}`;
}

/** An absolute http: or https: URL. */
export const isHttpUrl = (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
