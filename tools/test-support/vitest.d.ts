/** Timeouts (hang guards) and, in CI, the JSON and JUnit reports of a run. */
export function sharedSettings(run?: string): {
  testTimeout: number;
  hookTimeout: number;
  reporters: (string | [string, { outputFile: string }])[];
};

/** The settings of the tests of a package's build: all but the tarball's, one module graph per worker. */
export function buildTestSettings(): ReturnType<typeof sharedSettings> & {
  include: string[];
  exclude: string[];
  maxWorkers: number;
  isolate: boolean;
};
