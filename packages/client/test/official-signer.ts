// The official Node signer from @huaweicloud/huaweicloud-sdk-core (a dev dependency only), driven
// with the same wire request as ours: the reference the differential tests compare against.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

export interface WireRequest {
  method: string;
  url: string;
  /** Headers as sent (besides host), e.g. Content-Type, X-Sdk-Date, X-Domain-Id, X-Security-Token. */
  headers: Record<string, string>;
  body: string;
}

export function officialAuthorization(request: WireRequest, ak: string, sk: string): string {
  const signed = AKSKSigner.sign(
    {
      endpoint: request.url,
      method: request.method,
      headers: { ...request.headers },
      // The official signer hashes JSON.stringify(data): give it the object our body came from.
      data: request.body ? JSON.parse(request.body) : undefined,
    },
    { getAk: () => ak, getSk: () => sk },
  );
  return signed.Authorization!;
}
