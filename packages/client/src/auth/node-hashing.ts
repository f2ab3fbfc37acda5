// node:crypto for AK/SK signing on Node: synchronous, so a signature costs microseconds instead
// of three async Web Crypto round trips. The SK becomes a KeyObject, which prints no secret.
import { createHash, createHmac, createSecretKey } from 'node:crypto';
import type { HashingFactory } from './aksk.js';

export const nodeHashing: HashingFactory = (sk) => {
  const key = createSecretKey(Buffer.from(sk, 'utf8'));
  return {
    sha256: (data) => createHash('sha256').update(data).digest('hex'),
    hmac: (data) => createHmac('sha256', key).update(data).digest('hex'),
  };
};
