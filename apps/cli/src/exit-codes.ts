/** The command's exit codes: what a script around it can rely on. */
export const EXIT = {
  /** Every task of the wave ended ok (or, with --dry-run, every task would be sent). */
  ok: 0,
  /** Some task did not end ok, or the wave was cut off (its report could not be written). */
  notOk: 1,
  /** A usage error, found before anything was sent (with --dry-run: an invalid task). */
  usage: 2,
  /** Configuration or credentials are missing or wrong. */
  config: 3,
} as const;
// A signal that cut the wave: 128 + its number (130 SIGINT, 143 SIGTERM, 129 SIGHUP); closed
// output: 141, as SIGPIPE would (cut.ts).

/** An error that ends the command with its exit code and one line saying what to do. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
