import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { AppError, dependencyGuard } from '../src';

const storeDown = () => Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
const isOutage = (err: unknown) => (err as { code?: string }).code === 'ETIMEDOUT';

describe('the circuit breaker in front of a store', () => {
  it('when failing calls come one at a time, each slower than the 1 s window, then three in a row open it and the next answers 503 without reaching the store', async () => {
    const guard = dependencyGuard('test store', isOutage, pino({ level: 'silent' }), { resetMs: 60_000 });
    // a quiet service during a stall: never more than two calls started within any one second
    for (let i = 0; i < 3; i++) {
      await expect(guard(() => sleep(600).then(() => Promise.reject(storeDown())))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    }
    let reached = false;
    const next = guard(async () => {
      reached = true;
      return 'answer';
    });
    await expect(next).rejects.toBeInstanceOf(AppError);
    await expect(next).rejects.toMatchObject({ code: 'dependency-unavailable', httpStatus: 503 });
    expect(reached).toBe(false);
  });

  it('when a call succeeds between failures, then the run starts again and the breaker stays closed', async () => {
    // the share of failures in the window never opens it here: only a run of failures could
    const guard = dependencyGuard('test store', isOutage, pino({ level: 'silent' }), { resetMs: 60_000, failurePercentage: 100 });
    const fail = () => guard(() => Promise.reject(storeDown()));
    await expect(fail()).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await expect(fail()).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await expect(guard(async () => 'ok')).resolves.toBe('ok');
    await expect(fail()).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await expect(guard(async () => 'still reached')).resolves.toBe('still reached');
  });

  it('when the breaker is open and the reset time has passed, then one probe reaches the store and its success closes it', async () => {
    const guard = dependencyGuard('test store', isOutage, pino({ level: 'silent' }), { resetMs: 200 });
    for (let i = 0; i < 3; i++) await expect(guard(() => Promise.reject(storeDown()))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await expect(guard(async () => 'too soon')).rejects.toMatchObject({ code: 'dependency-unavailable' });
    await sleep(250);
    await expect(guard(async () => 'probe')).resolves.toBe('probe');
    await expect(guard(async () => 'closed')).resolves.toBe('closed');
  });
});
