// Per-project test timeout: int tests talk to real servers and processes.
jest.setTimeout(60000);
