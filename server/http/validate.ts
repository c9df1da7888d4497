import type { z } from 'zod';
import { AppError, type IssueJson } from '../app/errors';

export const issuesOf = (error: z.ZodError, prefix: (string | number)[] = []): IssueJson[] =>
  error.issues.map((issue) => ({ path: [...prefix, ...issue.path].join('.') || '(body)', message: issue.message }));

/** The problems in words for a message: the first few, then how many more (the `issues` list has them, up to MAX_ERROR_ISSUES). */
export function describeIssues(issues: readonly IssueJson[], shown = 5): string {
  const words = issues.slice(0, shown).map((i) => `${i.path}: ${i.message}`).join('; ');
  return issues.length > shown ? `${words}; and ${issues.length - shown} more` : words;
}

/** Parse with a shared schema or refuse with 400, naming each bad field. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = issuesOf(result.error);
    throw new AppError(400, 'invalid_request', `${what} is not valid: ${describeIssues(issues)}`, issues);
  }
  return result.data;
}
