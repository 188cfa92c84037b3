import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/bot/serial.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('KeyedQueue: one user at a time, in order', () => {
  it('runs the tasks of one key one after another, in arrival order', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await tick(ms);
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([q.run('u1', task('a', 20)), q.run('u1', task('b', 1)), q.run('u1', task('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('runs different keys side by side', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const slow = q.run('u1', async () => {
      await tick(30);
      log.push('u1');
    });
    const fast = q.run('u2', async () => {
      log.push('u2');
    });
    await Promise.all([slow, fast]);
    expect(log).toEqual(['u2', 'u1']);
  });

  it('hands a failure to its caller and still runs the next task of that key', async () => {
    const q = new KeyedQueue();
    const failed = q.run('u1', async () => {
      throw new Error('boom');
    });
    const next = q.run('u1', async () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('forgets idle keys, and idle() waits for work queued meanwhile', async () => {
    const q = new KeyedQueue();
    const done: string[] = [];
    void q.run('u1', async () => {
      await tick(10);
      done.push('first');
      void q.run('u2', async () => {
        await tick(10);
        done.push('queued while waiting');
      });
    });
    expect(q.size).toBe(1);
    await q.idle();
    expect(done).toEqual(['first', 'queued while waiting']);
    expect(q.size).toBe(0);
  });
});
