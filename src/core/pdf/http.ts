import type { FastifyReply } from 'fastify';

/**
 * Content-Disposition for a download with a Chinese name: `filename*=UTF-8''…` (RFC 6266/5987) for browsers, and an
 * ASCII `filename=` fallback for old clients, made of the name's ASCII letters or `fallback`.
 */
export function contentDisposition(filename: string, options: { inline?: boolean; fallback?: string } = {}): string {
  const extension = /\.[A-Za-z0-9]+$/.exec(filename)?.[0] ?? '';
  const ascii = filename
    .slice(0, filename.length - extension.length)
    .replace(/[^A-Za-z0-9._-]+/g, '')
    .replace(/^[._-]+|[._-]+$/g, '');
  const plain = options.fallback ?? `${ascii || 'document'}${extension}`;
  return `${options.inline ? 'inline' : 'attachment'}; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends a PDF; `inline` opens it in the browser's viewer (for printing) instead of saving it. */
export function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string, options: { inline?: boolean; fallback?: string } = {}) {
  return reply.type('application/pdf').header('content-disposition', contentDisposition(filename, options)).send(pdf);
}
