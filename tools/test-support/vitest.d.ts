/** Timeouts (hang guards) and, in CI, the JSON and JUnit reports of a run. */
export function sharedSettings(run?: string): {
  testTimeout: number;
  hookTimeout: number;
  reporters: (string | [string, { outputFile: string }])[];
};
