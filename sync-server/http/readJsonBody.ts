/**
 * Reads and validates a JSON request body: at most `maxBytes` (413 beyond,
 * without buffering the rest), valid JSON (400), then the route's zod schema
 * (400 naming the first bad field).
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { RelayError, RelayValidationError } from '../RelayError';

/** Reads the body of `req` and parses it with `schema`. */
export async function readJsonBody<S extends z.ZodType>(req: IncomingMessage, schema: S, maxBytes: number): Promise<z.output<S>> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) throw new RelayError('TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new RelayError('TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new RelayValidationError('The request needs a JSON body.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's own message would echo the input back; ours is enough.
    throw new RelayValidationError('The request body is not valid JSON.');
  }
  return parseInput(schema, json, 'body');
}

/** Parses `value` with `schema`; a failure becomes a 400 naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : what;
  const message = issue?.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : (issue?.message ?? 'is invalid');
  throw new RelayValidationError(`Invalid ${what}: ${field}: ${message}`);
}
