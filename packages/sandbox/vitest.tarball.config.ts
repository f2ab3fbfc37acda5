import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The package as strangers get it: packed, installed with npm into a new project, used in process
// and as a server.
export default defineConfig({ test: { include: ['test/pack.test.ts'], ...sharedSettings('-tarball') } });
