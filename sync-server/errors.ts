import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../src/domain/error-codes';
import { ERROR_CODES } from '../src/domain/sync-constants';

/** An error the client caused; it reaches the client as {error: {code, message}} with its status. */
export class ClientError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } });
}

// Fastify's own client errors, by their codes, so a malformed request never looks like our fault.
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ERROR_CODES.tooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ERROR_CODES.unsupportedMedia,
  FST_ERR_CTP_EMPTY_JSON_BODY: ERROR_CODES.badJson,
  FST_ERR_CTP_INVALID_JSON_BODY: ERROR_CODES.badJson,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ERROR_CODES.badJson,
};

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ClientError) return sendError(reply, error.statusCode, error.code, error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode =
      FASTIFY_CODES[error.code] ??
      (error.code?.startsWith('Z_') ? ERROR_CODES.badGzip : error instanceof SyntaxError ? ERROR_CODES.badJson : 'BAD_REQUEST');
    const message = code === ERROR_CODES.tooLarge ? 'request body is larger than the server accepts' : error.message;
    return sendError(reply, status, code, message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, ERROR_CODES.internal, 'the server failed; the request may be retried');
}
