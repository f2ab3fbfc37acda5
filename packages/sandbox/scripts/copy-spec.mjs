// Ships the bundled spec in dist/: the sandbox compiles its validators and takes its answers from
// it, installed from npm too (and @sms-task/spec is not published).
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(import.meta.resolve('@sms-task/spec/openapi.json'));
copyFileSync(source, new URL('../dist/openapi.json', import.meta.url));
