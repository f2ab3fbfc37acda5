// The page of the browser test, as an application's test setup would write it: the sandbox in the
// page, served to the client's browser build by MSW's service worker (setupWorker).
import { createSmsClient, SmsApiError, SmsNetworkError } from '@sms-task/client';
import { createSandbox } from '@sms-task/sandbox';
import { handlersFor } from '@sms-task/sandbox/msw';
import { setupWorker } from 'msw/browser';

const sandbox = createSandbox({
  tasks: [
    { id: 'ready-1', state: 'READY' },
    { id: 'paused-1', state: 'ABORT' },
    { id: 'running-1', state: 'RUNNING' },
  ],
});
const custom = new URLSearchParams(location.search).get('endpoint')!;
const worker = setupWorker(...handlersFor(sandbox, { endpoints: [custom] }));

Object.assign(window, {
  app: { sandbox, createSmsClient, SmsApiError, SmsNetworkError },
  ready: worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true }),
});
