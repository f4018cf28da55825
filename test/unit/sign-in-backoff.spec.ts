import { FREE_FAILURES, SignInBackoff } from '../../server/src/auth/sign-in-backoff';

describe(SignInBackoff.name, () => {
  let now: number;
  let backoff: SignInBackoff;
  beforeEach(() => {
    now = Date.parse('2026-12-01T20:00:00Z');
    backoff = new SignInBackoff(() => now);
  });
  const fail = (times: number, username = 'admin') => {
    for (let i = 0; i < times; i++) backoff.failed(username);
  };

  it(`lets ${FREE_FAILURES - 1} failures pass, then makes each further attempt wait longer`, () => {
    fail(FREE_FAILURES - 1);
    expect(backoff.waitSeconds('admin')).toBe(0);
    fail(1);
    expect(backoff.waitSeconds('admin')).toBe(1);
    now += 1_000;
    fail(1);
    expect(backoff.waitSeconds('admin')).toBe(2);
    now += 2_000;
    fail(1);
    expect(backoff.waitSeconds('admin')).toBe(4);
  });

  it('caps the wait at 15 minutes', () => {
    fail(40);
    expect(backoff.waitSeconds('admin')).toBe(15 * 60);
  });

  it('lets the username try again once the wait is over, and a success resets it', () => {
    fail(FREE_FAILURES);
    now += 1_000;
    expect(backoff.waitSeconds('admin')).toBe(0);
    backoff.succeeded('admin');
    fail(FREE_FAILURES - 1);
    expect(backoff.waitSeconds('admin')).toBe(0);
  });

  it('treats spellings of one name as one, and other names apart', () => {
    fail(FREE_FAILURES, ' Admin ');
    expect(backoff.waitSeconds('admin')).toBe(1);
    expect(backoff.waitSeconds('operator')).toBe(0);
  });

  it('forgets failures after an hour without another', () => {
    fail(FREE_FAILURES + 3);
    now += 61 * 60_000;
    expect(backoff.waitSeconds('admin')).toBe(0);
    fail(1);
    expect(backoff.waitSeconds('admin')).toBe(0);
  });
});
