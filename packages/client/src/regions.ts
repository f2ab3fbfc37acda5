import { validationError } from './errors.js';
import { REGIONS } from './generated/spec.js';

export { REGIONS };
export type RegionId = keyof typeof REGIONS;

/** The base URL for a region id, or for an explicit endpoint (which wins). */
export function resolveBaseUrl(region: string | undefined, endpoint: string | undefined): string {
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {}
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw validationError('endpoint', 'option', 'must be an absolute http(s) URL such as https://sms.ap-southeast-3.myhuaweicloud.com');
    }
    return endpoint.replace(/\/+$/, '');
  }
  const known = Object.keys(REGIONS);
  if (region === undefined) {
    throw validationError('region', 'required', `give a region (${known.join(', ')}) or an endpoint`, known);
  }
  const url = (REGIONS as Record<string, string>)[region];
  if (!url) {
    throw validationError('region', 'enum', `unknown region "${region}"; known regions: ${known.join(', ')} (or pass endpoint)`, known);
  }
  return url;
}
