/** A mistake in how ossproc was called (unknown flag, bad value, unknown rule): one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A problem that stops the run (a broken config file): one line, exit 2. */
export class FatalError extends Error {
  override readonly name = 'FatalError';
}

/** "Did you mean" for flags, commands, config keys and rule ids: core's one suggestion algorithm. */
export { closest } from '@ossproc/core';
