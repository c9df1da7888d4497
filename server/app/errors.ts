export interface IssueJson {
  path: string;
  message: string;
  /** For a CSV body: the line (the header is line 1) and the column's name. */
  line?: number;
  column?: string;
}

/** A refusal the HTTP layer turns into `{"error": {"code", "message", "issues"}}` with its status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: IssueJson[],
    /** Sent as Retry-After (seconds): the refusal is temporary. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
