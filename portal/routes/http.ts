import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { PortalError } from '../flows/errors';

/** Parses input with a shared zod schema; a mismatch becomes a 400 naming the field and the fix. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  // Fastify parses text/plain into a string; the API only speaks JSON objects.
  if (typeof value === 'string') throw describeError({ statusCode: 415 });
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new PortalError(
    400,
    'invalid_request',
    `Invalid request. ${where}${issue?.message ?? 'check the fields'}.`.replace('..', '.'),
  );
}

/** The portal origin as the client sees it (for URLs we hand out). */
export const originOf = (req: FastifyRequest, configured?: string): string =>
  configured ?? `${req.protocol}://${req.host}`;

/** Maps any error to the status, code and user-facing message we send. */
export function describeError(error: unknown): PortalError {
  if (error instanceof PortalError) return error;
  const e = error as { statusCode?: number; code?: string; message?: string };
  const status = e.statusCode ?? 500;
  if (status === 413)
    return new PortalError(
      413,
      'body_too_large',
      'The request is too large. Send a smaller body (at most 16 KB).',
    );
  if (status === 415)
    return new PortalError(
      415,
      'unsupported_media_type',
      'Send the body as JSON (Content-Type: application/json) or as a form.',
    );
  if (e.code?.startsWith('FST_ERR_CTP'))
    return new PortalError(
      400,
      'invalid_json',
      'The body is not valid JSON. Fix its syntax and send it again.',
    );
  if (status >= 400 && status < 500)
    return new PortalError(status, 'invalid_request', `Invalid request: ${e.message ?? 'check it'}.`);
  return new PortalError(
    500,
    'internal',
    'Something went wrong on our side and nothing was changed. Try again in a moment.',
  );
}

/** Sets Retry-After on rate-limit refusals. */
export function applyRetryAfter(reply: FastifyReply, error: PortalError): void {
  if (error.options.retryAfterSeconds !== undefined)
    reply.header('Retry-After', String(error.options.retryAfterSeconds));
}

/** Whether a path belongs to the machine API (JSON errors) rather than the pages (HTML errors). */
export const isApiPath = (url: string): boolean => /^\/(api|oauth|\.well-known|dev\/api)(\/|$)/.test(url);
/** Paths that answer any origin (bearer tokens only, never cookies); the dev outbox is never one of them. */
export const isCorsPath = (url: string): boolean => /^\/(api|oauth|\.well-known)(\/|$)/.test(url);
/** Whether a path belongs to the OAuth endpoints (RFC 6749 error bodies). */
export const isOAuthPath = (url: string): boolean => url.startsWith('/oauth/');
