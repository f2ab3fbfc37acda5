#!/usr/bin/env node
// Serves apps/docs/dist on localhost (default port 8080; PORT or --port to change).
import { parseArgs } from 'node:util';
import { serveDocs } from './server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const { url } = await serveDocs({ port: Number(values.port), host: values.host });
console.log(`API docs: ${url}/`);
