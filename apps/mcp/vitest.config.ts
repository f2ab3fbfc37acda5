import { buildTestSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// In-process tests of the server (the SDK's Client over a linked pair), and stdio tests of its build
// (dist/main.js) as a host launches it. The packed tarball has its own config and turbo task.
export default defineConfig({ test: buildTestSettings() });
