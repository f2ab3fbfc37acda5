// Ships the bundled spec in dist/: the commands' options come from its request schema.
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

copyFileSync(
  fileURLToPath(import.meta.resolve('@sms-task/spec/openapi.json')),
  new URL('../dist/openapi.json', import.meta.url),
);
