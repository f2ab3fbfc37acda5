// The spec this package was built with, inlined by the bundler (@sms-task/spec is not published),
// and the one check of a response against it: what the shipped suite reads.
export { document, spec } from '@sms-task/spec';
export { createResponseCheck, type ResponseCheck } from '@sms-task/spec/response-check';
