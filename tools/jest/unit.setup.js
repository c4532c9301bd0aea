// Per-project test timeout: unit tests are pure and fast.
jest.setTimeout(10000);
