// Ships the bundled spec in dist/: installed from npm, the launcher, proxy and suite have no
// repository around them (and @sms-task/spec is not published).
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

copyFileSync(
  fileURLToPath(import.meta.resolve('@sms-task/spec/openapi.yaml')),
  new URL('../dist/openapi.yaml', import.meta.url),
);
