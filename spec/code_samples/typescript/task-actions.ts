import { createSmsClient, SmsApiError } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';

const sms = createSmsClient({
  region: 'ap-southeast-3', // or endpoint: 'http://127.0.0.1:4010' for the local mock
  // An IAM token (the X-Subject-Token of IAM POST /v3/auth/tokens)…
  auth: { token: process.env.HUAWEICLOUD_TOKEN ?? '' },
});
// …or AK/SK request signing: akskAuth({ ak, sk, domainId }), or akskAuth('env') to read
// HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_DOMAIN_ID (and _SECURITY_TOKEN).
const signed = createSmsClient({ region: 'ap-southeast-3', auth: akskAuth('env') });
const taskId = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';

try {
  await sms.tasks.start(taskId);
  await sms.tasks.stop(taskId);
  await sms.tasks.test(taskId);
  await sms.tasks.cloneTest(taskId, { template_id: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxx0001' });
  await sms.tasks.restart(taskId, { is_need_consistency_check: true });
  await sms.tasks.networkCheck(taskId);
  await sms.tasks.clear(taskId);
  await signed.tasks.skip(taskId);
  const { requestId } = await sms.tasks.migrationTest(taskId, { switch_hce: true });
  console.log('accepted, request id', requestId);
} catch (error) {
  if (error instanceof SmsApiError) console.error(error.status, error.errorCode, error.errorMsg, error.requestId);
  throw error;
}
