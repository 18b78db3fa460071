/** How a CLI command calls the core: through the contract, like the other shells. */
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../../common/contract';
import type { Core } from '../Core';
import { formatIssues } from '../dispatchChannel';
import { CliCommandError } from './CliError';

/**
 * Calls `channel` with `input` and returns its value, typed by the contract;
 * a refusal becomes a CliCommandError (exit code 1) with the core's message.
 */
export async function callCore<C extends ChannelName>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new CliCommandError(result.error.code, result.error.message);
  // The dispatcher ran the handler of `channel`, which returns that channel's output.
  return result.value as ChannelOutput<C>;
}

/**
 * Checks `input` with the contract's schema of `channel`, for a value a person
 * typed that the contract narrows (a role given as free text): refused as the
 * core would refuse it, with the same code and message (exit code 1).
 */
export function parseInput<C extends ChannelName>(channel: C, input: unknown): ChannelParsedInput<C> {
  const parsed = channels[channel].input.safeParse(input);
  if (!parsed.success) throw new CliCommandError('VALIDATION', `Invalid input for ${channel}: ${formatIssues(parsed.error)}`);
  // The schema of `channel` produced it.
  return parsed.data as ChannelParsedInput<C>;
}
