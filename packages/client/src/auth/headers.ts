import { validationError } from '../errors.js';

/** Sets credential headers; a value no HTTP header can carry is an input error, sent nowhere. */
export function setHeaders(request: Request, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) {
    try {
      request.headers.set(name, value);
    } catch {
      throw validationError(name, 'type', 'is not a valid HTTP header value');
    }
  }
}
