package org.minidb.storage.btree;

import java.lang.foreign.MemorySegment;

/**
 * What a descent looks for (PostgreSQL's insertion scankey, BTScanInsert): the first entry at or after a key.
 *
 * <p>An <b>exact</b> key is a whole entry (key bytes and tid). A <b>prefix</b> key is key bytes alone, equal
 * to every entry whose key starts with them (KeyCodec makes the key of leading columns a byte prefix, so this
 * is "equal on the first n columns"). The goal predicate is {@code item >= key}, or {@code item > key} with
 * {@code nextKey}: it is monotone over the entries in order, and a descent finds the first entry satisfying
 * it. The empty prefix key with {@code nextKey} false is satisfied by every entry (the leftmost position).
 */
record SearchKey(MemorySegment segment, boolean exact, long tid, boolean nextKey) {
  /** The position of the entry (key, tid), or just after it with {@code nextKey}. */
  static SearchKey exact(byte[] key, long tid, boolean nextKey) {
    return new SearchKey(MemorySegment.ofArray(key), true, tid, nextKey);
  }

  /** The first entry whose key starts with {@code prefix} or is above it ({@code nextKey}: only above). */
  static SearchKey prefix(byte[] prefix, boolean nextKey) {
    return new SearchKey(MemorySegment.ofArray(prefix), false, 0, nextKey);
  }

  /** The goal predicate, given the comparison of an item with this key. */
  boolean isAtOrAfter(int itemComparedToKey) { return nextKey ? itemComparedToKey > 0 : itemComparedToKey >= 0; }
}
