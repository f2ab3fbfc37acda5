// What stops a wave before anything is sent: the input (`usage`: a bad source, a report that cannot
// be resumed) or the setup (`config`: no endpoint or credentials, a report that cannot be written).
// The command line maps each kind to its exit code, the MCP server to a tool error; the engine
// knows neither.
export class WaveError extends Error {
  override name = 'WaveError';
  constructor(
    message: string,
    readonly kind: 'usage' | 'config',
  ) {
    super(message);
  }
}
