// The code samples of the docs page: every operation of the spec, in each client a reader uses
// (curl, @sms-task/client, Huawei's official Node SDK as its SMS client builds requests, and the
// sms-task command), and in no language that no test here runs. Paths, methods, headers, operation
// values and their required fields come from the spec; test/samples.test.ts runs each sample as it
// is written (the files build.mjs writes to dist/samples/) against a sandbox server.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spec } from '@sms-task/spec';
import { parse } from 'yaml';

/** The clients, in the order of the page's tabs. */
export const CLIENTS = [
  { id: 'client', lang: 'TypeScript', label: '@sms-task/client', file: 'client.ts' },
  { id: 'curl', lang: 'Shell', label: 'curl', file: 'curl.sh' },
  { id: 'sdk', lang: 'TypeScript', label: 'Huawei SDK (Node)', file: 'huawei-sdk.ts' },
  { id: 'cli', lang: 'Shell', label: 'sms-task', file: 'sms-task.sh' },
];

/** An operation of the spec as the samples call it: its operationId, method and path. */
const named = ({ operation, method, path }) => ({ name: operation.operationId, method, path });
const ACTION = () => named(spec.byId(spec.operation.operationId));
const READ = () => named(spec.read);
const LIST = () => named(spec.list);
const TOKEN_HEADER = spec.document.components.securitySchemes.tokenAuth.name;
const camelCase = (name) => name.replace(/_(.)/g, (_, c) => c.toUpperCase());
const json = (value) => JSON.stringify(value);
const list = (items, last = 'or') => items.join(', ').replace(/, ([^,]*)$/, ` ${last} $1`);
/** `text` as comment lines of at most `width` characters, each starting with `mark` (`#`, `//`). */
function comment(mark, text, width = 80) {
  const lines = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(`${mark} ${word}`);
  }
  return lines;
}
const quoted = (text) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The action's bodies that differ in more than the operation's value: the plain one, and each with required fields. */
function actionCalls() {
  const required = (operation) => spec.variant(operation).required.filter((field) => field !== 'operation');
  const plain = spec.operations.filter((operation) => required(operation).length === 0);
  const example = (field, operation) => {
    const [value] = spec.resolve(spec.variant(operation).properties[field]).examples ?? [];
    if (value === undefined)
      throw new Error(`samples.mjs: ${field}, which ${operation} needs, has no example in the spec`);
    return value;
  };
  return {
    calls: [
      { operation: plain[0], body: { operation: plain[0] }, fields: {}, same: plain },
      ...spec.operations
        .filter((operation) => required(operation).length)
        .map((operation) => {
          const fields = Object.fromEntries(required(operation).map((field) => [field, example(field, operation)]));
          return { operation, body: { operation, ...fields }, fields, needs: Object.keys(fields) };
        }),
    ],
  };
}

/** The query parameters of the list read, each with its limits, for the comments. */
function queryNotes(operation) {
  return operation.parameters
    .map(spec.resolve)
    .filter((parameter) => parameter.in === 'query')
    .map(({ name, schema }) => {
      const { maximum, default: fallback } = spec.resolve(schema);
      return maximum === undefined ? name : `${name} (≤ ${maximum}, default ${fallback})`;
    });
}
/** The list read's page size: its largest, so a wave takes the fewest reads. */
const PAGE = () => {
  const limit = spec.list.operation.parameters.map(spec.resolve).find((parameter) => parameter.name === 'limit');
  if (!limit) throw new Error('samples.mjs: the list read has no limit parameter; update its samples');
  return spec.resolve(limit.schema).maximum;
};

const SHELL_NOTE = [
  "# SMS_ENDPOINT: the region's endpoint, e.g.",
  '#   https://sms.ap-southeast-3.myhuaweicloud.com (npm start runs a sandbox',
  '#   on http://127.0.0.1:4011); SMS_TOKEN: an IAM token (the X-Subject-Token',
  '#   of IAM POST /v3/auth/tokens); TASK_ID: the migration task.',
];

const curl = {
  action({ calls }) {
    return [
      ...SHELL_NOTE,
      ...calls.flatMap((call) => [
        ...(call.same
          ? comment('#', `${list(call.same)}: the same body, with its operation`)
          : comment('#', `${call.operation} needs ${list(call.needs, 'and')}`)),
        `curl -X ${ACTION().method} "$SMS_ENDPOINT${spec.path.replace('{task_id}', '$TASK_ID')}" \\`,
        `  -H "${TOKEN_HEADER}: $SMS_TOKEN" \\`,
        "  -H 'Content-Type: application/json' \\",
        `  -d ${quoted(json(call.body))}`,
      ]),
    ];
  },
  read() {
    return [
      ...SHELL_NOTE,
      `curl "$SMS_ENDPOINT${spec.read.path.replace('{task_id}', '$TASK_ID')}" \\`,
      `  -H "${TOKEN_HEADER}: $SMS_TOKEN"`,
    ];
  },
  list() {
    return [
      ...SHELL_NOTE,
      ...comment('#', `query: ${queryNotes(spec.list.operation).join(', ')}`),
      `curl "$SMS_ENDPOINT${spec.list.path}?limit=${PAGE()}&offset=0" \\`,
      `  -H "${TOKEN_HEADER}: $SMS_TOKEN"`,
    ];
  },
};

const CLIENT_HEAD = [
  "import { createSmsClient, SmsApiError } from '@sms-task/client';",
  '',
  "// SMS_ENDPOINT: the region's endpoint (or region: 'ap-southeast-3' instead;",
  '// npm start runs a sandbox on http://127.0.0.1:4011). SMS_TOKEN: an IAM token;',
  "// or sign with AK/SK: auth: akskAuth('env') from '@sms-task/client/aksk'",
  '// reads HUAWEICLOUD_SDK_AK, _SK and _DOMAIN_ID.',
  'const sms = createSmsClient({',
  '  endpoint: process.env.SMS_ENDPOINT!,',
  '  auth: { token: process.env.SMS_TOKEN! },',
  '});',
];
/** `lines` in a try block, and `handling` in its catch (error). */
const tryCatch = (lines, handling) => [
  'try {',
  ...lines.map((line) => `  ${line}`),
  '} catch (error) {',
  ...handling.map((line) => `  ${line}`),
  '}',
];
const clientTry = (lines) =>
  tryCatch(lines, [
    'if (error instanceof SmsApiError) {',
    '  console.error(error.status, error.errorCode, error.errorMsg, error.requestId);',
    '}',
    'throw error;',
  ]);
const client = {
  action({ calls }) {
    return [
      ...CLIENT_HEAD,
      'const taskId = process.env.TASK_ID!;',
      '',
      ...clientTry(
        calls.flatMap((call) =>
          call.same
            ? [
                ...comment(
                  '//',
                  `${list(call.same.map((operation) => `${camelCase(operation)}()`))}: one helper each`,
                  78,
                ),
                `const { requestId } = await sms.tasks.${camelCase(call.operation)}(taskId);`,
                "console.log('accepted, request id', requestId);",
              ]
            : [
                `// ${call.operation} needs ${list(call.needs, 'and')}`,
                `await sms.tasks.${camelCase(call.operation)}(taskId, ${fieldsLiteral(call.fields)});`,
              ],
        ),
      ),
    ];
  },
  read() {
    return [
      ...CLIENT_HEAD,
      '',
      ...clientTry([
        'const { data: task } = await sms.tasks.read(process.env.TASK_ID!);',
        'console.log(task.state, task.sub_tasks?.map(({ name, progress }) => `${name} ${progress}%`));',
      ]),
    ];
  },
  list() {
    return [
      ...CLIENT_HEAD,
      '',
      ...comment('//', `query: ${queryNotes(spec.list.operation).join(', ')}; pages() reads page after page`),
      ...clientTry([
        `for await (const { data: page } of sms.tasks.pages({ limit: ${PAGE()} })) {`,
        '  for (const task of page.tasks) console.log(task.id, task.state);',
        '}',
      ]),
    ];
  },
};
const fieldsLiteral = (fields) =>
  `{ ${Object.entries(fields)
    .map(([name, value]) => `${name}: ${quoted(String(value))}`)
    .join(', ')} }`;

const SDK_HEAD = [
  "import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';",
  "import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';",
  'import {',
  '  ServiceResponseException,',
  "} from '@huaweicloud/huaweicloud-sdk-core/exception/ServiceResponseException.js';",
  "import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';",
  "import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger.js';",
  '',
  '// The SDK logs every refused call to standard output with its request',
  '// headers, the signature and X-Security-Token included: turn its logger off',
  '// (and never run it with DEBUG=DEBUG, which logs every call).',
  "Logger4jInstance.level = 'off';",
  '',
  '// The client SmsClient.newBuilder() builds (@huaweicloud/huaweicloud-sdk-sms)',
  "// from the core alone. Credentials: the official SDKs' HUAWEICLOUD_SDK_AK, _SK",
  '// and _PROJECT_ID (and _SECURITY_TOKEN for temporary ones). SMS_ENDPOINT: the',
  "// region's endpoint (npm start runs a sandbox on http://127.0.0.1:4011).",
  'const credentials = new BasicCredentials()',
  '  .withAk(process.env.HUAWEICLOUD_SDK_AK!)',
  '  .withSk(process.env.HUAWEICLOUD_SDK_SK!)',
  '  .withProjectId(process.env.HUAWEICLOUD_SDK_PROJECT_ID!);',
  'const securityToken = process.env.HUAWEICLOUD_SDK_SECURITY_TOKEN;',
  'if (securityToken) credentials.withSecurityToken(securityToken);',
  'const client = new ClientBuilder((hcClient: HcClient) => hcClient)',
  '  .withCredential(credentials)',
  '  .withEndpoint(process.env.SMS_ENDPOINT!)',
  '  .build();',
];
const sdkTry = (lines) =>
  tryCatch(lines, [
    '// ClientRequestException (4xx) or ServerResponseException (5xx)',
    'if (!(error instanceof ServiceResponseException)) throw error;',
    'console.error(error.httpStatusCode, error.errorCode, error.errorMsg, error.requestId);',
    'process.exitCode = 1;',
  ]);
/**
 * The function sending what SmsClient's method sends (named as the operationId, as the SDK names its
 * methods): the options of `client.sendRequest`.
 */
const sdkRequest = ({ name, method, path, args, query = '{}', body = false }) => [
  `// SmsClient.${name}: ${method} ${path}`,
  `const ${name} = (${args}) =>`,
  '  client.sendRequest({',
  `    method: '${method}',`,
  `    url: '${path}',`,
  "    contentType: 'application/json',",
  `    queryParams: ${query},`,
  `    pathParams: ${path.includes('{task_id}') ? '{ task_id: taskId }' : '{}'},`,
  `    headers: ${body ? "{ 'Content-Type': 'application/json' }" : '{}'},`,
  ...(body ? ['    data: body,'] : []),
  '  });',
];
const sdk = {
  action({ calls }) {
    return [
      ...SDK_HEAD,
      '',
      ...sdkRequest({ ...ACTION(), args: 'taskId: string, body: object', body: true }),
      'const taskId = process.env.TASK_ID!;',
      '',
      ...sdkTry(
        calls.flatMap((call) => [
          ...(call.same
            ? comment('//', `${list(call.same)}: the same body, with its operation`, 78)
            : comment('//', `${call.operation} needs ${list(call.needs, 'and')}`, 78)),
          ...sdkCall(`await ${ACTION().name}(taskId, `, call.body, ');'),
        ]),
      ),
    ];
  },
  read() {
    return [
      ...SDK_HEAD,
      '',
      ...sdkRequest({ ...READ(), args: 'taskId: string' }),
      '',
      ...sdkTry([`const task = await ${READ().name}(process.env.TASK_ID!);`, 'console.log(task);']),
    ];
  },
  list() {
    return [
      ...SDK_HEAD,
      '',
      ...comment('//', `query: ${queryNotes(spec.list.operation).join(', ')}`),
      ...sdkRequest({
        ...LIST(),
        args: 'offset = 0',
        query: `{ limit: ${PAGE()}, offset }`,
      }),
      '',
      ...sdkTry([`const page = await ${LIST().name}();`, 'console.log(page);']),
    ];
  },
};
/** `start` + the body as an object literal + `end`: on one line, or one property a line where that is too long. */
function sdkCall(start, body, end) {
  const properties = Object.entries(body).map(([name, value]) => `${name}: ${quoted(String(value))}`);
  const line = `${start}{ ${properties.join(', ')} }${end}`;
  return line.length <= 98 ? [line] : [`${start}{`, ...properties.map((p) => `  ${p},`), `}${end}`];
}

const CLI_NOTE = [
  '# sms-task (npm install -g @sms-task/cli) reads SMS_ENDPOINT (or give',
  '# --region ap-southeast-3) and SMS_TOKEN (or HUAWEICLOUD_SDK_AK and _SK) from',
  '# the environment; TASK_ID: the migration task.',
];
const flag = (field) => `--${field.replace(/_/g, '-')}`;
const cli = {
  action({ calls }) {
    return [
      ...CLI_NOTE,
      ...calls.flatMap((call) =>
        call.same
          ? [
              ...comment('#', `${list(call.same.map((operation) => operation.replace(/_/g, '-')))}: one command each`),
              `sms-task ${call.operation.replace(/_/g, '-')} "$TASK_ID"`,
            ]
          : [
              `# ${call.operation.replace(/_/g, '-')} needs ${list(call.needs.map(flag), 'and')}`,
              `sms-task ${call.operation.replace(/_/g, '-')} ${Object.entries(call.fields)
                .map(([name, value]) => `${flag(name)} ${quoted(String(value))}`)
                .join(' ')} "$TASK_ID"`,
            ],
      ),
    ];
  },
  read() {
    return [...CLI_NOTE, '# one read of the task, then the counts', 'sms-task status --reads single "$TASK_ID"'];
  },
  list() {
    return [
      ...CLI_NOTE,
      `# the states from pages of the list read (${PAGE()} tasks a read)`,
      'sms-task status --reads pages "$TASK_ID"',
    ];
  },
};

const TEMPLATES = { curl, client, sdk, cli };
/** Which samples each operation of the spec has; an operation without any fails the build. */
const KINDS = {
  [spec.operation.operationId]: 'action',
  [spec.read.operation.operationId]: 'read',
  [spec.list.operation.operationId]: 'list',
};

/** operationId → the samples of each client, in tab order. */
export function codeSamples() {
  const action = actionCalls();
  const samples = {};
  for (const [path, entry] of Object.entries(spec.document.paths)) {
    for (const [method, node] of Object.entries(spec.resolve(entry))) {
      const { operationId } = spec.resolve(node);
      const kind = KINDS[operationId];
      if (!kind) throw new Error(`samples.mjs: no samples for ${method.toUpperCase()} ${path} (${operationId})`);
      samples[operationId] = CLIENTS.map((client) => ({
        ...client,
        source: `${TEMPLATES[client.id][kind](action).join('\n')}\n`,
      }));
    }
  }
  return samples;
}

/** What the action's samples send, in order: for the tests. */
export const actionSampleCalls = () => actionCalls().calls.map(({ body }) => body);

/**
 * Puts the samples on each operation of `document` (x-codeSamples) and writes them to `dir`. Redoc
 * shows a sample only when redocly.yaml lists its label (or lang): a client missing there fails here.
 */
export function addCodeSamples(document, dir) {
  const samples = codeSamples();
  const config = parse(readFileSync(new URL('../../../redocly.yaml', import.meta.url), 'utf8'));
  const listed = config.openapi.codeSamples.languages.map(({ lang, label }) => (label ?? lang).toLowerCase());
  const missing = CLIENTS.filter(({ label }) => !listed.includes(label.toLowerCase()));
  if (missing.length)
    throw new Error(`samples.mjs: redocly.yaml's codeSamples.languages lacks ${missing.map((c) => c.label)}`);
  rmSync(dir, { recursive: true, force: true });
  for (const entry of Object.values(document.paths)) {
    for (const operation of Object.values(spec.resolve(entry))) {
      const own = samples[operation.operationId];
      operation['x-codeSamples'] = own.map(({ lang, label, source }) => ({ lang, label, source }));
      mkdirSync(new URL(`${operation.operationId}/`, dir), { recursive: true });
      for (const { file, source } of own) writeFileSync(new URL(`${operation.operationId}/${file}`, dir), source);
    }
  }
}
