/**
 * TCP connect probe for the servers the platform depends on. It answers only "does
 * something accept a connection on host:port", which is all the local stack needs to
 * choose between reusing a server and starting one; speaking NATS or the Postgres wire
 * protocol would need the drivers and would not change that choice.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseServerUrl } from './server-url.util';

/** True when a TCP connection to the URL's host:port opens within timeoutMs. */
export async function isReachable(url: string, timeoutMs: number): Promise<boolean> {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const { host, port } = parseServerUrl(url);
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    const finish = (reachable: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reachable);
    };
    const timer = setTimeout(() => {
      finish(false);
    }, timeoutMs);
    socket.once('connect', () => {
      finish(true);
    });
    socket.once('error', () => {
      finish(false);
    });
  });
}

export interface WaitUntilReachableOptions {
  url: string;
  deadlineMs: number;
  /** Checked between probes; a string is the reason to give up (e.g. the server exited). */
  failure: () => string | undefined;
  /** When given, probing starts only once it returns true (e.g. the server said ready). */
  ready?: () => boolean;
}

/** Polls until the URL answers; throws when failure() reports one or the deadline passes. */
export async function waitUntilReachable(options: WaitUntilReachableOptions): Promise<void> {
  const { url, deadlineMs, failure, ready = () => true } = options;
  const giveUpAt = Date.now() + deadlineMs;
  const probeTimeoutMs = 500;
  const pollIntervalMs = 100;
  for (;;) {
    const reason = failure();
    if (reason !== undefined) {
      throw new Error(reason);
    }
    if (ready() && (await isReachable(url, probeTimeoutMs))) {
      return;
    }
    if (Date.now() >= giveUpAt) {
      throw new Error(`did not answer within ${deadlineMs} ms`);
    }
    await sleep(pollIntervalMs);
  }
}
