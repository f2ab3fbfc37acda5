import { buildTestSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The sandbox's tests, run against its build (dist/), as it ships. The packed tarball has its own
// config and turbo task (test:tarball).
export default defineConfig({ test: buildTestSettings() });
