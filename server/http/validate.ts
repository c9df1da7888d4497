import type { z } from 'zod';
import { AppError, type IssueJson } from '../app/errors';

export const issuesOf = (error: z.ZodError, prefix: (string | number)[] = []): IssueJson[] =>
  error.issues.map((issue) => ({ path: [...prefix, ...issue.path].join('.') || '(body)', message: issue.message }));

/** Parse with a shared schema or refuse with 400, naming each bad field. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = issuesOf(result.error);
    throw new AppError(400, 'invalid_request', `${what} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return result.data;
}
