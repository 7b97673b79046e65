import type { FastifyRequest } from 'fastify';

/** The browser's own description, kept short, for the device list and the session list; null when absent. */
export function userAgentOf(request: FastifyRequest): string | null {
  return String(request.headers['user-agent'] ?? '').slice(0, 200) || null;
}
