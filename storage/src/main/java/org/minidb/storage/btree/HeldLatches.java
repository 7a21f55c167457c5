package org.minidb.storage.btree;

import java.util.ArrayDeque;
import org.minidb.storage.buffer.BufferPool;

/**
 * The buffers the current thread holds pinned and latched inside B-tree operations, so that an error (an I/O
 * error reading or extending, a corruption found) releases them all, as PostgreSQL's LWLockReleaseAll does at
 * abort. Releasing in the middle of a split is safe: each page change is logged whole before the next
 * begins, and a split that stops after its left page is an incomplete split the next writer finishes.
 */
final class HeldLatches {
  private HeldLatches() {}

  private static final ThreadLocal<ArrayDeque<Integer>> HELD = ThreadLocal.withInitial(ArrayDeque::new);

  static void add(int buf) { HELD.get().push(buf); }

  static void remove(int buf) { HELD.get().removeFirstOccurrence(buf); }

  /** How many are held now (a mark for {@link #releaseDownTo}). */
  static int count() { return HELD.get().size(); }

  /** Releases (latch, then pin) what was taken since the mark {@code count}, newest first. */
  static void releaseDownTo(int count, BufferPool pool) {
    ArrayDeque<Integer> held = HELD.get();
    while (held.size() > count) {
      int buf = held.pop();
      pool.unlockContent(buf);
      pool.unpin(buf);
    }
  }
}
