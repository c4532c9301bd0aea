import { reRatingWindowMsFromEnv } from '../rating.settings';

describe('RERATING_WINDOW_S', () => {
  it('defaults to a day and takes whole seconds from 0 to 90 days', () => {
    expect(reRatingWindowMsFromEnv({})).toBe(86_400_000);
    expect(reRatingWindowMsFromEnv({ RERATING_WINDOW_S: '0' })).toBe(0);
    expect(reRatingWindowMsFromEnv({ RERATING_WINDOW_S: '7776000' })).toBe(7_776_000_000);
  });

  it.each(['-1', '1.5', 'soon', '7776001'])('refuses %s, naming the variable', (value) => {
    expect(() => reRatingWindowMsFromEnv({ RERATING_WINDOW_S: value })).toThrow(
      `RERATING_WINDOW_S must be whole seconds from 0 to 7776000, got ${value}`,
    );
  });
});
