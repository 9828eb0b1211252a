// One error vocabulary for the whole flow. Row-level codes appear verbatim in results.csv;
// run-level errors (UsageError, InputError) stop the run before anything is sent and exit 1.

/** Stable words written to the `error_code` column of results.csv. */
export type RowErrorCode =
  | 'invalid_phone'
  | 'missing_value'
  | 'malformed_row'
  | 'agent_not_found'
  | 'chat_not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'bad_request'
  | 'rate_limited'
  | 'server_error'
  | 'network_error'
  | 'timeout'
  /** The answer named neither list for this agent, even after one resend. */
  | 'unconfirmed'
  /** The agent cell names a member by e-mail or name, and the team directory could not be read. */
  | 'agent_unresolved'
  /** The agent cell names two or more team members (a shared display name). */
  | 'ambiguous_agent'
  /** The row's bytes are not valid in the input's encoding. */
  | 'bad_encoding'
  /** Report furniture (a title, a footer) rather than a data row; status `skipped`. */
  | 'not_a_row'
  /** The row's action cell is neither add nor remove. */
  | 'invalid_action'
  /** One row adds a pair another row of the file removes: neither is sent. */
  | 'conflicting_actions';

/** Codes for problems with the whole run rather than one row. */
export type RunErrorCode = 'usage' | 'input' | 'resume_mismatch' | 'interrupted';

export class CollabBulkError extends Error {
  readonly code: RowErrorCode | RunErrorCode;
  /** Process exit code when this error ends the run. */
  readonly exitCode: number;

  constructor(code: RowErrorCode | RunErrorCode, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A flag or option that cannot be used as given. */
export class UsageError extends CollabBulkError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** An input file that cannot be read as a CSV of collaborator rows. */
export class InputError extends CollabBulkError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('input', message, options);
  }
}

/** An error the user can act on prints one sentence; anything else is a bug and prints a stack. */
export function isUserError(error: unknown): error is CollabBulkError {
  return error instanceof CollabBulkError;
}
