// What a command may touch of the outside world, passed in so commands stay testable, and
// the exit codes every command uses: 0 done, 1 input refused (a file unreadable or
// invalid), 2 wrong usage (unknown command or flag, missing argument).
export interface CliIo {
  /** Reads a UTF-8 file; throws a Node error (ENOENT, EISDIR, ...) when it cannot. */
  readText(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_INPUT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** Wrong usage: the message is printed with the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input that cannot be used; the message names the file and, where known, the field. */
export class InputRefusedError extends Error {
  override readonly name = 'InputRefusedError';
}
