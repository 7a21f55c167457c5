package org.minidb.storage.shmem;

import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for a word in shared memory to change: spin briefly, then yield, then sleep in growing steps up to
 * 1 ms. No Java monitor is involved, so waiting works the same across processes sharing the region.
 */
public final class Backoff {
  private int rounds;

  public void pause() {
    int r = rounds++;
    if (r < 64) {
      Thread.onSpinWait();
    } else if (r < 96) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(Math.min(1_000_000L, 10_000L << Math.min(7, (r - 96) / 8)));
    }
  }
}
