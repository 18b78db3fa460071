/**
 * The one place where an untrusted call meets the core: checks the channel
 * name, parses the input with the channel's zod schema, runs the handler and
 * wraps the outcome in a Result. It never throws.
 */
import type { z } from 'zod';
import { AppError, toWireError } from '../common/AppError';
import { channels, isChannelName, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../common/contract';
import type { Result } from '../common/Result';

/** A handler per channel, receiving the parsed input. */
export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/** Formats zod issues as one readable line: `name: Name cannot be empty; color: …`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export async function dispatchChannel(
  handlers: Handlers,
  channel: unknown,
  input: unknown,
  log: (err: unknown) => void,
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    const shown = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel;
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${shown}` } };
  }
  const parsed = channels[channel].input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'VALIDATION', message: `Invalid input for ${channel}: ${formatIssues(parsed.error)}` } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    if (!(err instanceof AppError)) log(err);
    return { ok: false, error: toWireError(err) };
  }
}
