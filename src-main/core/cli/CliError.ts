/** A usage error of the command line: exit code 2 and a one-line message. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** A command that reached the core and was refused: exit code 1. */
export class CliCommandError extends Error {
  override name = 'CliCommandError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
