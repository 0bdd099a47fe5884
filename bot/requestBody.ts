import type { IncomingMessage } from 'node:http';

/** The largest activity accepted, in bytes as received (Teams' own limit is about 100 KB). */
export const MAX_BODY_BYTES = 1_000_000;

/** Why a request body was refused, as the HTTP status and a short reason (never the body). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    reason: string,
  ) {
    super(reason);
    this.name = 'BodyError';
  }
}

/**
 * Reads a JSON request body. Only `application/json` without a content encoding is read, so
 * nothing is inflated and nothing is written to disk; a body over MAX_BODY_BYTES is cut off
 * at that size. Stream errors become a rejected promise, never an uncaught exception.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding !== 'identity') return Promise.reject(new BodyError(415, 'content-encoding'));
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!/^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/.test(type.trim())) return Promise.reject(new BodyError(415, 'content-type'));
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(new BodyError(413, 'content-length'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: BodyError): void => {
      if (done) return;
      done = true;
      req.removeAllListeners('data');
      req.resume();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(new BodyError(413, 'size'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => fail(new BodyError(400, 'stream')));
    req.on('aborted', () => fail(new BodyError(400, 'aborted')));
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch {
        reject(new BodyError(400, 'json'));
      }
    });
  });
}
