import { buildTestSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The command's tests run its build (dist/main.js) as an operator does, in child processes.
export default defineConfig({ test: buildTestSettings() });
