// Per-project test timeout: e2e tests talk to real servers and processes.
jest.setTimeout(240000);
