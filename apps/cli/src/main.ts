// `chargeledger`, the command line for operators and billing support. This file only
// wires the process (arguments, files, stdout and stderr, exit code) to the commands;
// what a command does lives in cli.run.ts and the libs it calls.
import { readFileSync } from 'node:fs';
import { runCli } from './cli.run';

void runCli(process.argv.slice(2), {
  readText: (path) => readFileSync(path, 'utf8'),
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
}).then((code) => {
  process.exitCode = code;
});
