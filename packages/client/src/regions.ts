import { checkOption, validationError } from './errors.js';
import { REGIONS } from './generated/spec-facts.js';

export { REGIONS };
export type RegionId = keyof typeof REGIONS;

/** The base URL for a region id, or for an explicit endpoint (which wins). */
export function resolveBaseUrl(region: string | undefined, endpoint: string | undefined): string {
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {}
    checkOption(url?.protocol === 'https:' || url?.protocol === 'http:', 'endpoint', 'must be an absolute http(s) URL');
    return endpoint.replace(/\/+$/, '');
  }
  // Own keys only: "constructor" or "toString" are not regions.
  if (region !== undefined && Object.hasOwn(REGIONS, region)) return REGIONS[region as RegionId];
  const known = Object.keys(REGIONS);
  throw validationError(
    'region',
    region === undefined ? 'required' : 'enum',
    `${region === undefined ? 'is required' : `"${region}" is unknown`}: use one of ${known.join(', ')}, or an endpoint`,
    known,
  );
}
