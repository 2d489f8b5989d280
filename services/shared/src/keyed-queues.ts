// One piece of work per key at a time in this process (a tutor's bookings, a group's places); the rest wait in
// memory, in arrival order, holding no connection. Past `maxWaiting` waiters or `maxWaitMs` of waiting, `busy()` is
// thrown (a 503 to retry). Work on one key across several processes still needs the store's own guard.
import { Mutex, withTimeout, type MutexInterface } from 'async-mutex';

export interface KeyedQueueLimits {
  maxWaiting: number;
  maxWaitMs: number;
  busy: () => Error;
}

export class KeyedQueues {
  private readonly queues = new Map<string, { mutex: MutexInterface; waiting: number }>();

  constructor(private readonly limits: KeyedQueueLimits) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { mutex: withTimeout(new Mutex(), this.limits.maxWaitMs, this.limits.busy()), waiting: 0 };
      this.queues.set(key, queue);
    }
    if (queue.waiting >= this.limits.maxWaiting) throw this.limits.busy();
    queue.waiting += 1;
    try {
      return await queue.mutex.runExclusive(work);
    } finally {
      queue.waiting -= 1;
      if (queue.waiting === 0) this.queues.delete(key);
    }
  }
}
