// The errors the server answers with: a stable code, an HTTP status and a sentence saying what to do
// (docs/api.md lists them). The API answers { error: { code, message } }; the pages show the sentence.

export const SERVE_ERRORS = {
  UNAUTHORIZED: 401,
  FORBIDDEN_ORIGIN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  TOO_LARGE: 413,
  NOT_READY: 409,
  REPORT_FAILED: 500,
} as const;
export type ServeErrorCode = keyof typeof SERVE_ERRORS;

export class ServeError extends Error {
  readonly status: number;
  constructor(
    readonly code: ServeErrorCode,
    message: string,
  ) {
    super(message);
    this.status = SERVE_ERRORS[code];
  }
}

export const errorBody = (e: ServeError) => ({ error: { code: e.code, message: e.message } });
