// Durations given on the command line: `30s`, `6h`, `1h30m` (parse-duration), or a bare number of seconds.
import parse from 'parse-duration';
import { InvalidArgumentError } from 'commander';

export const duration = (flag: string) => (value: string) => {
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : parse(value);
  if (ms === null || ms === undefined || !(ms > 0)) {
    throw new InvalidArgumentError(
      `${flag} must be a duration above 0: 30s, 10m, 6h, 1h30m (a bare number is seconds)`,
    );
  }
  return ms;
};
