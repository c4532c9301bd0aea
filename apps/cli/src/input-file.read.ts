// Reads a JSON input file named by a flag. Every refusal names the flag and the file, so a
// message like "--cdr session.json: not valid JSON (...)" says which of two inputs is wrong.
import { InputRefusedError, type CliIo } from './cli.io';

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'is a directory, expected a file';
    if (code === 'EACCES') return 'permission denied';
    return error.message;
  }
  return String(error);
}

export function readJsonFile(io: CliIo, flag: string, path: string): unknown {
  let text: string;
  try {
    text = io.readText(path);
  } catch (error) {
    throw new InputRefusedError(`${flag} ${path}: cannot read file (${reasonOf(error)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputRefusedError(`${flag} ${path}: not valid JSON (${reasonOf(error)})`);
  }
}
