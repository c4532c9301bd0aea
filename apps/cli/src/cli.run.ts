// Dispatches `chargeledger <command> [flags]` to a command and turns its refusals into an
// exit code and one message on stderr. stdout carries only what a command outputs, so
// machine-readable commands (rate) can be piped into a JSON parser.
import {
  EXIT_INPUT_REFUSED,
  EXIT_OK,
  EXIT_USAGE,
  InputRefusedError,
  UsageError,
  type CliIo,
} from './cli.io';
import { RATE_USAGE, rateCommand } from './rate.command';
import { TOKEN_USAGE, tokenCommand } from './token.command';

const USAGE = `Usage: chargeledger <command> [flags]

Commands:
  rate    price an OCPI CDR against an OCPI tariff, offline; prints one JSON document
  token   print a signed API token for the local stack (Authorization: Bearer ...)

Run "chargeledger <command> --help" for the flags of a command.

${RATE_USAGE}
${TOKEN_USAGE}`;

interface Command {
  readonly run: (args: string[], io: CliIo) => void | Promise<void>;
  readonly usage: string;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  rate: { run: rateCommand, usage: RATE_USAGE },
  token: { run: (args, io) => tokenCommand(args, io, process.env), usage: TOKEN_USAGE },
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    const problem = name === undefined ? 'no command given' : `unknown command "${name}"`;
    io.stderr(`chargeledger: ${problem}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    await command.run(args, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`chargeledger ${name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof InputRefusedError) {
      io.stderr(`chargeledger ${name}: ${error.message}\n`);
      return EXIT_INPUT_REFUSED;
    }
    throw error; // a defect: crash with the stack trace
  }
}
