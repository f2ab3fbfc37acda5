// The gate against real edits of this repository's spec, in a scratch git repository: each edit
// of the API gets the class this API needs, and a change ships only with the bump it needs.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runGate } from '../src/gate.mjs';
import { scratchRepo } from './repo.js';

const repo = scratchRepo();
afterEach(() => repo.reset());
afterAll(() => repo.remove());

const ACTION = 'paths/v3_tasks_{task_id}_action.yaml';
const TASK = 'components/schemas/Task.yaml';
/** The task's `name`, a string, as anyOf branches of these types instead. */
const nameAsAnyOf = (...types: string[]) =>
  replace(
    '  name:\n    type: string\n',
    `  name:\n    anyOf:\n${types.map((type) => `      - type: ${type}\n`).join('')}`,
  );
const OPERATION_REQUEST = 'components/schemas/TaskOperationRequest.yaml';
const replace = (from: string | RegExp, to: string) => (text: string) => text.replace(from, to);
const addField = (required: boolean) => (text: string) =>
  text
    .replace(
      'required:\n  - operation\n',
      required ? 'required:\n  - operation\n  - dry_run\n' : 'required:\n  - operation\n',
    )
    .replace(
      '  is_need_consistency_check:\n',
      '  dry_run:\n    type: boolean\n    description: Check only.\n  is_need_consistency_check:\n',
    );

// [what changed, the edit, the class it must get, the rule that must name it]
const CASES: Array<[string, () => void, string, string]> = [
  [
    'an operation value removed',
    () => repo.edit(OPERATION_REQUEST, replace('      - migration_test\n', '')),
    'major',
    'enum-values-removed',
  ],
  [
    'the task_id limit tightened',
    () => repo.edit('components/parameters.yaml', replace('maxLength: 36', 'maxLength: 32')),
    'major',
    'schema-constraint-changed',
  ],
  [
    'the template_id limit tightened',
    () => repo.edit('components/schemas/TemplateId.yaml', replace('maxLength: 255', 'maxLength: 128')),
    'major',
    'schema-constraint-changed',
  ],
  [
    'the token limit tightened',
    () => repo.edit('components/parameters.yaml', replace('maxLength: 16384', 'maxLength: 8192')),
    'major',
    'schema-constraint-changed',
  ],
  ['a new required field', () => repo.edit(OPERATION_REQUEST, addField(true)), 'major', 'required-properties-added'],
  ['a response removed', () => repo.edit(ACTION, replace(/ {4}'404':\n.*\n/, '')), 'major', 'response-removed'],
  [
    'a response field removed',
    () =>
      repo.edit(
        'components/schemas/ErrorResponse.yaml',
        replace(/ {2}encoded_authorization_message:\n( {4}.*\n)+/, ''),
      ),
    'major',
    'property-removed',
  ],
  [
    'a type changed',
    () =>
      repo.edit('components/schemas/SwitchHce.yaml', (t) =>
        t.replace('type: boolean\n', 'type: string\n').replace('default: false\n', ''),
      ),
    'major',
    'schema-type-changed',
  ],
  [
    'a response type widened by an anyOf branch of another type',
    () => repo.edit(TASK, nameAsAnyOf('string', 'integer')),
    'major',
    'schema-type-changed',
  ],
  [
    "a region's x-sms-region removed (the client's regions are generated from it)",
    () => repo.edit('openapi.yaml', replace('    x-sms-region: ru-moscow-1\n', '')),
    'major',
    'sms-region-removed',
  ],
  [
    'a security requirement removed',
    () => repo.edit('openapi.yaml', replace('  - akskAuth: []\n', '')),
    'major',
    'security-requirement-changed',
  ],
  [
    'a named example removed',
    () => repo.edit('components/responses.yaml', replace(/ {8}cannot_restart:\n.*\n/, '')),
    'major',
    'example-removed',
  ],
  [
    'a new operation value',
    () =>
      repo.edit(OPERATION_REQUEST, replace('      - migration_test\n', '      - migration_test\n      - cutover\n')),
    'minor',
    'request-enum-values-added',
  ],
  ['a new optional field', () => repo.edit(OPERATION_REQUEST, addField(false)), 'minor', 'property-added'],
  [
    'a new response example',
    () =>
      repo.edit(
        'components/responses.yaml',
        replace(
          /( {8}cannot_restart:\n.*\n)/,
          '$1        busy:\n          value:\n            error_code: SMS.1111\n            error_msg: Busy.\n',
        ),
      ),
    'minor',
    'example-added',
  ],
  [
    'a new response status',
    () =>
      repo.edit(
        ACTION,
        replace("    '404':\n", "    '409':\n      $ref: ../components/responses.yaml#/BadRequest\n    '404':\n"),
      ),
    'minor',
    'response-added',
  ],
  [
    'a new operation (a path with its GET)',
    () =>
      repo.edit(
        'openapi.yaml',
        replace(
          'paths:\n',
          'paths:\n  /v3/sources:\n    get:\n      operationId: listSources\n      summary: List source servers\n' +
            "      responses:\n        '200':\n          description: The source servers.\n",
        ),
      ),
    'minor',
    'pathitem-added',
  ],
  [
    'a description reworded',
    () =>
      repo.edit('components/schemas/SwitchHce.yaml', replace('Whether to switch to HCE.', 'Whether to move to HCE.')),
    'patch',
    'description-modified',
  ],
  [
    'a summary reworded',
    () => repo.edit(ACTION, replace('summary: Manage a migration task', 'summary: Act on a migration task')),
    'patch',
    'summary-modified',
  ],
  [
    'an extension that is wording removed (x-enumDescriptions)',
    () => repo.edit(OPERATION_REQUEST, replace(/ {4}x-enumDescriptions:\n( {6}.*\n)+/, '')),
    'patch',
    'specextension-removed',
  ],
  [
    "an example's wording",
    () =>
      repo.edit(
        'components/examples/errors.yaml',
        replace('You do not have permission to perform this operation.', 'You may not perform this operation.'),
      ),
    'patch',
    'example-changed',
  ],
];

describe('classification', () => {
  it('an unchanged spec: no change, and nothing to plan', async () => {
    const result = await runGate({ root: repo.root });
    expect(result).toMatchObject({ impact: 'none', changes: [], ok: true });
  });

  it('a response type moved into anyOf branches that all have it (an open enum) → minor, the type kept', async () => {
    repo.edit(TASK, nameAsAnyOf('string', 'string'));
    const result = await runGate({ root: repo.root });
    expect(result.impact).toBe('minor');
    expect(result.changes.filter((c) => c.impact === 'major')).toEqual([]);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ impact: 'patch', rule: 'schema-type-kept', pointer: expect.stringMatching(/\/name$/) }),
    );
  });

  const cases = CASES.map(([name, mutate, impact, rule]) => ({ name, mutate, impact, rule }));
  it.each(cases)('$name → $impact ($rule)', async ({ mutate, impact, rule }) => {
    mutate();
    const result = await runGate({ root: repo.root });
    expect(result.impact).toBe(impact);
    const named = result.changes.filter((c) => c.impact === impact).map((c) => c.rule);
    expect(
      named.some((r) => r.includes(rule)),
      `rules: ${named.join(', ')}`,
    ).toBe(true);
  });
});

// What a change needs planned, and what counts as planned: the changesets added since the base, and
// the versions a release already raised (the command's messages about it: cli.test.ts).
describe('the bumps a change needs', () => {
  const BOTH = ['@sms-task/client', '@sms-task/contract-tests'];
  const addOperation = () =>
    repo.edit(OPERATION_REQUEST, replace('      - migration_test\n', '      - migration_test\n      - cutover\n'));

  it('wants at least a minor changeset for an additive change', async () => {
    addOperation();
    repo.changeset('patch', { '@sms-task/client': 'patch', '@sms-task/contract-tests': 'patch' });
    expect(await runGate({ root: repo.root })).toMatchObject({
      impact: 'minor',
      needed: 'minor',
      short: BOTH,
      ok: false,
    });
    repo.changeset('minor', { '@sms-task/client': 'minor', '@sms-task/contract-tests': 'minor' });
    expect(await runGate({ root: repo.root })).toMatchObject({ short: [], ok: true });
  });

  it('counts the versions a release already raised since the base, once its changesets are consumed', async () => {
    addOperation();
    repo.setVersion('packages/client', '0.2.0');
    expect(await runGate({ root: repo.root })).toMatchObject({
      planned: { '@sms-task/client': 'minor' },
      short: ['@sms-task/contract-tests'],
      ok: false,
    });
    repo.setVersion('packages/contract-tests', '0.2.0');
    expect(await runGate({ root: repo.root })).toMatchObject({ short: [], ok: true });
    repo.setVersion('packages/contract-tests', '0.1.1');
    expect(await runGate({ root: repo.root })).toMatchObject({
      planned: { '@sms-task/contract-tests': 'patch' },
      short: ['@sms-task/contract-tests'],
      ok: false,
    });
  });

  it('classifies again when the spec changes between runs of one process', async () => {
    addOperation();
    expect((await runGate({ root: repo.root })).impact).toBe('minor');
    repo.edit(OPERATION_REQUEST, replace('      - cutover\n', ''));
    repo.edit(OPERATION_REQUEST, replace('      - migration_test\n', ''));
    expect((await runGate({ root: repo.root })).impact).toBe('major');
  });
});
