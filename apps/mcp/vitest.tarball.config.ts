import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The package as strangers get it: packed, installed with npm into a new project, run as a command.
export default defineConfig({ test: { include: ['test/pack.test.ts'], ...sharedSettings('-tarball') } });
