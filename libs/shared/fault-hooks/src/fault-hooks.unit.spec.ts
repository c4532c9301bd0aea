import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { configureFaultHooks, faultPoint, parseFaultHooks } from './fault-hooks';

describe('fault hooks', () => {
  afterEach(() => configureFaultHooks(''));

  it('parses pause and crash points', () => {
    expect([...parseFaultHooks(' after-commit=pause:250, before-ack=crash ')]).toEqual([
      ['after-commit', { kind: 'pause', ms: 250 }],
      ['before-ack', { kind: 'crash' }],
    ]);
    expect(parseFaultHooks('').size).toBe(0);
  });

  it.each(['after-commit', 'x=pause', 'x=pause:-1', 'X=crash', 'x=explode'])(
    'rejects %j',
    (spec) => {
      expect(() => parseFaultHooks(spec)).toThrow(/bad fault hook/);
    },
  );

  it('is a no-op unless configured, and pauses when configured', async () => {
    const started = Date.now();
    await faultPoint('after-commit');
    expect(Date.now() - started).toBeLessThan(50);
    configureFaultHooks('after-commit=pause:120');
    await faultPoint('after-commit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('kills the process with SIGKILL at a crash point', () => {
    const script = `require('./fault-hooks').configureFaultHooks('boom=crash');
      require('./fault-hooks').faultPoint('boom').then(() => console.log('survived'));`;
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: resolve(__dirname),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout).not.toContain('survived');
  });
});
