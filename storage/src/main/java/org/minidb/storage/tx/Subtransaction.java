package org.minidb.storage.tx;

import java.util.ArrayList;
import java.util.List;

/**
 * One level of a transaction: the top level, or a savepoint's subtransaction above it. A level has an xid once it
 * writes, keeps the xids of the subtransactions released into it (they stay live: committed or aborted with this
 * level), and its own on-commit and on-abort actions.
 */
final class Subtransaction {
  long xid = TransactionIds.INVALID;
  int slot = -1;
  /** {xid, ProcArray slot} of released subtransactions below this level that wrote. */
  final List<long[]> released = new ArrayList<>();
  final List<Runnable> onCommit = new ArrayList<>();
  final List<Runnable> onAbort = new ArrayList<>();
  /** Run while the level's xids are still in progress, just before they are marked aborted. */
  final List<Runnable> beforeAbort = new ArrayList<>();

  /** The xids of this level and of what was released into it (those with an xid). */
  void collectXids(List<long[]> into) {
    if (xid != TransactionIds.INVALID) into.add(new long[] {xid, slot});
    into.addAll(released);
  }

  /** Takes over a released child's xids and actions. */
  void absorb(Subtransaction child) {
    child.collectXids(released);
    onCommit.addAll(child.onCommit);
    onAbort.addAll(child.onAbort);
    beforeAbort.addAll(child.beforeAbort);
  }
}
