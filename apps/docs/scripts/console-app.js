// The console in the page (bundled by console.mjs, which defines __SMS_CONSOLE__ from the spec): a
// modal dialog outside Redoc's tree, so Redoc's rendering never touches it. Calls go to the
// sandbox's browser build in the page, or to a server the reader names (the local sandbox, whose
// control API gives the task's history, or the Prism mock). Every request is shown as curl.
import { createSandbox, STATES } from '@sms-task/sandbox';

/* global __SMS_CONSOLE__ */
const FACTS = __SMS_CONSOLE__;
const CONTROL = '/__sandbox';

/** An element with attributes (`on*` functions become listeners) and children. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child !== undefined && child !== null));
  return element;
}

/** The spec's one-line Markdown as text, its `code` spans as code. */
const inline = (markdown) => markdown.split('`').map((part, index) => (index % 2 ? h('code', {}, part) : part));

/** A shell word in single quotes. */
const quote = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;
function asCurl({ method, url, headers, body }) {
  const lines = [
    `curl -X ${method} ${quote(url)}`,
    ...Object.entries(headers).map(([n, v]) => `-H ${quote(`${n}: ${v}`)}`),
  ];
  if (body !== undefined) lines.push(`-d ${quote(body)}`);
  return lines.join(' \\\n  ');
}
const pretty = (text) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

let sandbox;
/** The page's sandbox, made when the console first opens (its spec checks compile then). */
const pageSandbox = () => {
  sandbox ??= createSandbox({ tasks: FACTS.tasks, url: FACTS.sandboxUrl });
  return sandbox;
};

const ids = { title: 'sms-console-title', intro: 'sms-console-intro' };
const live = h('p', { class: 'sms-console-live', role: 'status', 'aria-live': 'polite' });
const curl = h('pre', { class: 'sms-console-code', 'data-console': 'request' }, '—');
const curlNote = h('p', {}, 'As curl:');
const answerLine = h('p', { 'data-console': 'status' }, 'Nothing sent yet.');
const answerBody = h('pre', { class: 'sms-console-code', 'data-console': 'body' }, '—');
const stateLine = h('p', { 'data-console': 'state' });
const historyList = h('ol', { class: 'sms-console-history', 'data-console': 'history' });
const note = h('p', { class: 'sms-console-note', 'data-console': 'note', hidden: true });

const taskSelect = h('select', { id: 'sms-console-task', name: 'task' });
const operationSelect = h(
  'select',
  { id: 'sms-console-operation', name: 'operation', 'aria-describedby': 'sms-console-operation-hint' },
  FACTS.operations.map((operation) => h('option', { value: operation }, operation)),
);
const operationHint = h('p', { id: 'sms-console-operation-hint', class: 'sms-console-hint' });
const tokenInput = h('input', { id: 'sms-console-token', name: 'token', value: 'demo-token', autocomplete: 'off' });
const urlInput = h('input', {
  id: 'sms-console-url',
  name: 'url',
  type: 'url',
  value: FACTS.sandboxUrl,
  list: 'sms-console-urls',
  'aria-label': 'Server URL',
});
const stateSelect = h(
  'select',
  { id: 'sms-console-set-state', name: 'state' },
  STATES.map((state) => h('option', { value: state }, state)),
);

/** Each body field of the spec: its control, and how it goes into the body. */
const fields = FACTS.fields.map((field) => {
  const id = `sms-console-field-${field.name}`;
  const hint = h('span', { id: `${id}-hint`, class: 'sms-console-hint' }, inline(field.description));
  if (field.type === 'boolean') {
    const input = h('input', { id, name: field.name, type: 'checkbox', 'aria-describedby': hint.id });
    return {
      field,
      input,
      row: h('div', { class: 'sms-console-check' }, input, h('label', { for: id }, field.name), hint),
      value: () => (input.checked ? true : undefined),
    };
  }
  const marker = h('span', { class: 'sms-console-required' });
  const input = h('input', {
    id,
    name: field.name,
    maxlength: field.maxLength,
    placeholder: field.example,
    autocomplete: 'off',
    'aria-describedby': hint.id,
  });
  return {
    field,
    input,
    marker,
    row: h('div', { class: 'sms-console-field' }, h('label', { for: id }, field.name, marker), input, hint),
    value: () => input.value || undefined,
  };
});

/** The form follows the operation: its description, and which fields it requires. */
function followOperation() {
  const operation = operationSelect.value;
  operationHint.replaceChildren(...inline(FACTS.descriptions[operation] ?? ''));
  for (const { field, input, marker } of fields) {
    const required = field.requiredBy.includes(operation);
    // Not `required`: the call is sent anyway, so the reader sees the sandbox refuse it as the spec does.
    input.setAttribute('aria-required', String(required));
    if (marker) marker.textContent = required ? ` (required for ${operation})` : ' (optional)';
  }
}
operationSelect.addEventListener('change', followOperation);

const targetPage = h('input', {
  type: 'radio',
  name: 'target',
  id: 'sms-console-target-page',
  value: 'page',
  checked: true,
});
const targetServer = h('input', { type: 'radio', name: 'target', id: 'sms-console-target-server', value: 'server' });
const onServer = () => targetServer.checked;
for (const radio of [targetPage, targetServer]) radio.addEventListener('change', () => act(refresh));
const base = () => (onServer() ? urlInput.value.replace(/\/+$/, '') : FACTS.sandboxUrl);
// A URL given is where the calls go.
urlInput.addEventListener('change', () => {
  targetServer.checked = true;
  act(refresh);
});

let running = 0;
/**
 * Runs one of the reader's actions. The dialog is busy (aria-busy) while any runs: once it is not,
 * the answers and the task are on screen, which a test (or an assistive tool) can wait for.
 */
function act(work) {
  running++;
  dialog.setAttribute('aria-busy', 'true');
  void work()
    .catch((error) => {
      // A setting the sandbox refuses, say: said where the answers are, never an uncaught rejection.
      live.textContent = `The console could not do that: ${error.message}`;
      answerLine.textContent = live.textContent;
    })
    .finally(() => {
      if (--running === 0) dialog.setAttribute('aria-busy', 'false');
    });
}

/** Sends one request where the console points, and shows it, its answer and the task after it. */
async function send({ method, path, body }) {
  const taskId = taskSelect.value;
  const url = `${base()}${path.replace('{task_id}', encodeURIComponent(taskId))}`;
  const headers = { [FACTS.tokenHeader]: tokenInput.value };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  curl.textContent = asCurl({ method, url, headers, body });
  curlNote.textContent = onServer()
    ? 'As curl:'
    : "As curl (the page's sandbox answered it; the sandbox of npm start, seeded alike, answers this command the same):";
  answerLine.textContent = 'Sending…';
  answerBody.textContent = '';
  let answer;
  try {
    answer = await (onServer() ? fetch : pageSandbox().fetch)(url, { method, headers, body });
  } catch (error) {
    answerLine.textContent = `No answer: ${error.message}.`;
    answerBody.textContent =
      'A server must answer this page’s origin (CORS): sms-sandbox answers pages served from this machine; ' +
      'for a page opened from a file, start it with --cors-origin null.';
    live.textContent = 'No answer.';
    return;
  }
  const text = await answer.text();
  let code;
  try {
    code = JSON.parse(text).error_code;
  } catch {}
  const requestId = answer.headers.get('x-request-id');
  answerLine.replaceChildren(
    'Status ',
    h('strong', { 'data-console': 'status-code' }, String(answer.status)),
    code ? ` · ${code}` : '',
    ' · X-Request-Id ',
    h('code', { 'data-console': 'request-id' }, requestId ?? '(none)'),
  );
  answerBody.textContent = text ? pretty(text) : '(empty body)';
  live.textContent = `${answer.status}${code ? ` ${code}` : ''}`;
  await refresh();
}

/** A control call on the server the console points at; undefined where it has no control API. */
async function control(path, init) {
  try {
    const answer = await fetch(`${base()}${CONTROL}${path}`, init);
    return answer.ok ? (answer.status === 204 ? {} : await answer.json()) : undefined;
  } catch {
    return undefined;
  }
}

/** The task list, the task's state and its history, as the sandbox has them now. */
async function refresh() {
  const chosen = taskSelect.value || FACTS.tasks.find((task) => task.state === 'ABORT')?.id;
  const tasks = onServer() ? (await control('/tasks'))?.tasks : pageSandbox().tasks();
  const list = tasks ?? FACTS.tasks.map(({ id }) => ({ id }));
  taskSelect.replaceChildren(
    ...list.map(({ id, state }) =>
      h('option', { value: id, selected: id === chosen }, state ? `${id} — ${state}` : id),
    ),
  );
  const task = onServer()
    ? await control(`/tasks/${encodeURIComponent(taskSelect.value)}`)
    : pageSandbox().task(taskSelect.value);
  note.hidden = !!task;
  note.textContent = task
    ? ''
    : `${base()} has no sandbox control API (${CONTROL}): its task states and history are not shown (the Prism mock keeps none).`;
  stateLine.replaceChildren(
    `Task ${taskSelect.value}: `,
    task ? h('strong', { 'data-console': 'task-state' }, task.state) : 'state unknown',
  );
  historyList.replaceChildren(
    ...(task?.history ?? []).map((entry) =>
      h(
        'li',
        {},
        h('time', {}, new Date(entry.at).toISOString().slice(11, 19)),
        ` ${entry.event}`,
        entry.operation ? ` ${entry.operation}` : '',
        entry.status ? ` → ${entry.status}` : '',
        entry.error_code ? ` ${entry.error_code}` : '',
        entry.from && entry.from !== entry.to ? `: ${entry.from} → ${entry.to}` : `: ${entry.to}`,
      ),
    ),
  );
  if (!task?.history?.length) historyList.append(h('li', {}, 'No events yet.'));
}

function actionBody() {
  const body = { operation: operationSelect.value };
  for (const { field, value } of fields) {
    const given = value();
    if (given !== undefined) body[field.name] = given;
  }
  return JSON.stringify(body);
}

async function setState() {
  const state = stateSelect.value;
  const id = taskSelect.value;
  if (onServer()) {
    const set = await control(`/tasks/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state }),
    });
    live.textContent = set ? `${id} set to ${state}.` : `${base()} did not set the state.`;
  } else {
    pageSandbox().setTask(id, state);
    live.textContent = `${id} set to ${state}.`;
  }
  await refresh();
}

async function reset() {
  let done = true;
  if (onServer()) done = (await control('/reset', { method: 'POST' })) !== undefined;
  else pageSandbox().reset();
  live.textContent = done ? 'The sandbox is back to its seed.' : `${base()} did not reset (no sandbox control API).`;
  await refresh();
}

const button = (text, onclick, attributes = {}) =>
  h('button', { type: 'button', class: 'sms-console-button', onclick, ...attributes }, text);
let sections = 0;
const section = (title, ...content) => {
  const id = `sms-console-section-${++sections}`;
  return h('section', { 'aria-labelledby': id }, h('h3', { id }, title), ...content);
};

const dialog = h(
  'dialog',
  {
    id: 'sms-console',
    class: 'sms-console',
    'aria-labelledby': ids.title,
    'aria-describedby': ids.intro,
    'aria-busy': 'false',
  },
  h(
    'div',
    { class: 'sms-console-head' },
    h('h2', { id: ids.title }, 'Console'),
    button('Close', () => dialog.close(), { 'data-console': 'close' }),
  ),
  h(
    'p',
    { id: ids.intro },
    "Calls go to a sandbox in this page: no account, no network. It holds npm start's demo wave; ",
    'each answer is the one the spec describes.',
  ),
  h(
    'form',
    {
      class: 'sms-console-form',
      onsubmit: (event) => {
        event.preventDefault();
        act(() => send({ method: FACTS.action.method, path: FACTS.action.path, body: actionBody() }));
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Send to'),
      h(
        'div',
        { class: 'sms-console-check' },
        targetPage,
        h('label', { for: targetPage.id }, 'the sandbox in this page'),
      ),
      h(
        'div',
        { class: 'sms-console-check' },
        targetServer,
        h('label', { for: targetServer.id }, 'a server:'),
        urlInput,
        h(
          'datalist',
          { id: 'sms-console-urls' },
          h('option', { value: FACTS.sandboxUrl }, 'the local sandbox (npm start)'),
          FACTS.mockUrl && h('option', { value: FACTS.mockUrl }, 'the Prism mock (npm start)'),
        ),
      ),
    ),
    h('div', { class: 'sms-console-field' }, h('label', { for: taskSelect.id }, 'Task'), taskSelect),
    h(
      'div',
      { class: 'sms-console-field' },
      h('label', { for: operationSelect.id }, 'Operation'),
      operationSelect,
      operationHint,
    ),
    fields.map(({ row }) => row),
    h('div', { class: 'sms-console-field' }, h('label', { for: tokenInput.id }, FACTS.tokenHeader), tokenInput),
    h(
      'div',
      { class: 'sms-console-actions' },
      h('button', { type: 'submit', class: 'sms-console-button sms-console-primary' }, `Send (${FACTS.action.method})`),
      button(`Read the task (${FACTS.read.method})`, () => act(() => send(FACTS.read))),
      button('Reset the sandbox', () => act(reset)),
    ),
  ),
  section('The request', curlNote, curl),
  section('The answer', answerLine, answerBody),
  section(
    'The task',
    stateLine,
    note,
    h(
      'div',
      { class: 'sms-console-actions' },
      h('label', { for: stateSelect.id }, "Set its state (the sandbox's control)"),
      stateSelect,
      button('Set', () => act(setState)),
    ),
    h('h4', {}, 'History'),
    historyList,
  ),
  live,
);
taskSelect.addEventListener('change', () => act(refresh));

let opened = false;
document.addEventListener('click', (event) => {
  if (!(event.target instanceof Element) || !event.target.closest('[data-sms-console-open]')) return;
  if (!dialog.isConnected) document.body.append(dialog);
  dialog.showModal();
  if (!opened) {
    opened = true;
    followOperation();
    act(refresh);
  }
});
