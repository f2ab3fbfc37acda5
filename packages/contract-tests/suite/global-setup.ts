// Starts a Prism mock of the spec for the whole run, unless SMS_CONTRACT_BASE_URL points the
// suite at a real endpoint. Prism is stopped at the end, also when tests fail.
import type { TestProject } from 'vitest/node';
import { startPrism, type PrismProcess } from '../dist/prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** `mock` when the suite runs against its own Prism: only then can errors be forced. */
    target: 'mock' | 'endpoint';
    token: string;
  }
}

let prism: PrismProcess | undefined;

export async function setup(project: TestProject) {
  const external = process.env.SMS_CONTRACT_BASE_URL;
  if (external) {
    const token = process.env.SMS_CONTRACT_TOKEN;
    if (!token) throw new Error('SMS_CONTRACT_BASE_URL is set: set SMS_CONTRACT_TOKEN to the X-Auth-Token to use too');
    project.provide('baseUrl', external.replace(/\/+$/, ''));
    project.provide('target', 'endpoint');
    project.provide('token', token);
    return;
  }
  prism = await startPrism({ errors: true });
  project.provide('baseUrl', prism.url);
  project.provide('target', 'mock');
  project.provide('token', 'contract-test-token');
}

export async function teardown() {
  await prism?.stop();
}
