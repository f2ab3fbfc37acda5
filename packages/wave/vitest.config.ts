import { buildTestSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The engine's tests, in process against a real sandbox server (its built node:http server on port 0).
export default defineConfig({ test: buildTestSettings() });
