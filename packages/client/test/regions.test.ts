import { describe, expect, it } from 'vitest';
import { REGIONS } from '../src/index.js';
import { createSmsClient } from './entry.js';

describe('REGIONS', () => {
  it('maps the official regions to their endpoints, including the sms-api host of ru-moscow-1', () => {
    expect(REGIONS).toMatchObject({
      'cn-north-4': 'https://sms.cn-north-4.myhuaweicloud.com',
      'ap-southeast-3': 'https://sms.ap-southeast-3.myhuaweicloud.com',
      'my-kualalumpur-1': 'https://sms.my-kualalumpur-1.myhuaweicloud.com',
      'ru-moscow-1': 'https://sms-api.ru-moscow-1.myhuaweicloud.com',
    });
  });

  it('sends calls for a region to its endpoint', async () => {
    const urls: string[] = [];
    const sms = createSmsClient({
      region: 'ru-moscow-1',
      auth: { token: 't' },
      retry: false,
      // Stops the call at the transport; nothing leaves the machine.
      fetch: async (input) => {
        urls.push((input as Request).url);
        return new Response('{}', { status: 200 });
      },
    });
    await sms.tasks.stop('abc');
    expect(urls).toEqual(['https://sms-api.ru-moscow-1.myhuaweicloud.com/v3/tasks/abc/action']);
  });

  it('lets endpoint win over region', async () => {
    const urls: string[] = [];
    const sms = createSmsClient({
      region: 'cn-north-4',
      endpoint: 'http://127.0.0.1:9/',
      auth: { token: 't' },
      fetch: async (input) => (urls.push((input as Request).url), new Response('{}')),
    });
    await sms.tasks.stop('abc');
    expect(urls).toEqual(['http://127.0.0.1:9/v3/tasks/abc/action']);
  });
});
