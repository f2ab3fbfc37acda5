// The console of the docs page: the sandbox's browser build, inlined in the page and seeded with
// the demo wave of `npm start`, behind a form built from the spec (its operations, their fields and
// which ones each requires), so a reader sends calls with no account and no network. build.mjs adds
// its section to the introduction; finish.mjs adds its script and style (console-app.js, bundled
// here by esbuild with the facts it needs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spec } from '@sms-task/spec';
import { build } from 'esbuild';

export const CONSOLE_HEADING = 'Console: try the API in this page';
// The sandbox `npm start` runs (scripts/start-stack.mjs, SMS_SANDBOX_PORT): same seed, so the curl the
// console shows reaches a twin of the page's sandbox.
const SANDBOX_URL = 'http://127.0.0.1:4011';
const WAVE = JSON.parse(readFileSync(new URL(import.meta.resolve('@sms-task/sandbox/examples/wave.json')), 'utf8'));

/** What the console needs of the spec, read at build time. */
export function consoleFacts() {
  const fields = new Map();
  const descriptions = {};
  for (const operation of spec.operations) {
    const variant = spec.variant(operation);
    descriptions[operation] = spec.resolve(variant.properties.operation)['x-enumDescriptions']?.[operation] ?? '';
    for (const [name, node] of Object.entries(variant.properties)) {
      if (name === 'operation') continue;
      const schema = spec.resolve(node);
      const field = fields.get(name) ?? {
        name,
        type: schema.type === 'boolean' ? 'boolean' : 'string',
        description: String(schema.description ?? '').split('\n')[0],
        maxLength: schema.maxLength,
        example: schema.examples?.[0],
        requiredBy: [],
      };
      if (variant.required?.includes(name)) field.requiredBy.push(operation);
      fields.set(name, field);
    }
  }
  const header = (operation) =>
    operation.parameters.map(spec.resolve).find((parameter) => parameter.in === 'header' && parameter.name);
  return {
    operations: spec.operations,
    descriptions,
    fields: [...fields.values()],
    action: { method: 'POST', path: spec.path },
    read: { method: spec.read.method, path: spec.read.path },
    tokenHeader: header(spec.read.operation).name,
    tasks: WAVE.tasks,
    sandboxUrl: SANDBOX_URL,
    // The spec's own server that is no region of the service: the local Prism mock.
    mockUrl: spec.document.servers.find((server) => !server['x-sms-region'])?.url,
  };
}

/** The introduction's section: what the console is, and its button (the dialog lives outside Redoc). */
export function consoleSection() {
  const paused = WAVE.tasks.find((task) => task.state === 'ABORT')?.id;
  return [
    `## ${CONSOLE_HEADING}`,
    'The console sends calls to a sandbox that runs in this page (`@sms-task/sandbox`, its browser',
    "build): no account, no network, nothing leaves the page. It holds `npm start`'s demo wave, each task",
    `in its own state (\`${paused}\` is paused): pick a task, an operation and its fields, send it, and`,
    "see the request as curl, the answer (status, body, `X-Request-Id`) and the task's state and history",
    'change. Read the task, set its state through the sandbox, or reset it. It can also send the same calls',
    `to a server instead: the local sandbox (\`${SANDBOX_URL}\`, which answers pages served from this`,
    'machine; a page opened from a file needs `sms-sandbox --cors-origin null`) or the Prism mock.',
    '',
    '<button type="button" class="sms-console-open" data-sms-console-open aria-haspopup="dialog">Open the console</button>',
  ].join('\n');
}

const STYLE = readFileSync(new URL('./console.css', import.meta.url), 'utf8');

/** The page with the console's style and script; each check fails the build if Redoc's page changed. */
export async function withConsole(html) {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('./console-app.js', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // The sandbox's `browser` export: everything but its node:http server.
    conditions: ['browser'],
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    // The sandbox's browser entry imports an empty chunk of its build for its side effects: none.
    logOverride: { 'ignored-bare-import': 'silent' },
    define: { __SMS_CONSOLE__: JSON.stringify(consoleFacts()) },
  });
  const script = bundled.outputFiles[0].text;
  // Inlined in a <script>: the text must not end the element early.
  if (/<\/script/i.test(script)) throw new Error('console.mjs: the console bundle holds "</script"');
  for (const tag of ['</head>', '</body>']) {
    if (!html.includes(tag)) throw new Error(`console.mjs: the page has no ${tag}; check what Redoc emits now`);
  }
  if (!html.includes('data-sms-console-open')) throw new Error("console.mjs: the console's section is not on the page");
  // By position, not String.replace: a replacement string reads `$&` and `$'` in the bundle as patterns.
  // The body's end is its last `</body>`: Redoc's scripts hold the text too.
  const head = html.indexOf('</head>');
  const body = html.lastIndexOf('</body>');
  return [
    html.slice(0, head),
    `  <style data-console>\n${STYLE}  </style>\n`,
    html.slice(head, body),
    `<script data-console>${script}</script>\n`,
    html.slice(body),
  ].join('');
}
