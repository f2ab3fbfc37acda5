// What stops a wave before anything is sent: the input (`usage`: a bad source, a report that cannot
// be resumed) or the setup (`config`: a report that cannot be written). The command line maps each
// kind to its exit code; the engine knows none.
export class WaveError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'config',
  ) {
    super(message);
  }
}
