export { createSmsClient } from './client.js';
export type {
  SmsClient,
  SmsClientOptions,
  RequestOptions,
  RequestPreview,
  PreparedAction,
  PreparedCall,
  TaskActions,
  TaskActionRequest,
  TaskActionResponse,
  TaskActionResult,
  TaskOperation,
  OperationFields,
  ErrorResponse,
  Task,
  TaskList,
  TaskListItem,
  SubTask,
  TaskState,
  ListTasksQuery,
  ReadResult,
  TaskReadResult,
  TaskListResult,
} from './types.js';
export {
  SmsError,
  SmsApiError,
  SmsValidationError,
  SmsTimeoutError,
  SmsNetworkError,
  SmsAbortError,
  SmsAuthError,
  SmsResponseError,
} from './errors.js';
export type { ValidationRule } from './errors.js';
export { REGIONS } from './regions.js';
export type { RegionId } from './regions.js';
export { OPERATIONS, TASK_STATES } from './generated/spec-facts.js';
export type { RetryOptions } from './retry.js';
export type { TokenSource } from './auth/token.js';
export type { Authenticator } from './auth/types.js';
export type { paths, components, operations } from './generated/schema.js';
export { judgeLostCall, mayHaveActed, CLOCK_MARGIN_MS } from './lost-call.js';
export type { LostCall, LostCallJudgement, LostCallVerdict } from './lost-call.js';
