package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.catalog.Catalog;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.HeapStatistics;
import org.minidb.storage.heap.TupleChange;
import org.minidb.storage.heap.TupleVersion;
import org.minidb.storage.heap.VacuumStats;
import org.minidb.storage.tx.IsolationLevel;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.tx.TransactionManager;

/**
 * A test double of the storage contract: heaps as lists in memory. A scan sees the versions that were live
 * when it started (enough to model "a statement does not see its own writes"), and counts opened/closed
 * scans so tests can check that operators close them.
 */
final class MemoryStorage implements StorageEngine {
  final Map<Long, MemoryHeap> heaps = new HashMap<>();
  int scansOpen;

  @Override
  public Catalog catalog() { return null; }

  @Override
  public TransactionManager transactions() { return null; }

  @Override
  public HeapRelation heap(TableDef table) { return heaps.computeIfAbsent(table.oid(), k -> new MemoryHeap()); }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public HeapStatistics statistics(long relOid) { return new HeapStatistics(); }

  final class MemoryHeap implements HeapRelation {
    final List<byte[]> tuples = new ArrayList<>(); // index = tid; null = deleted

    @Override
    public long insert(Transaction tx, byte[] tuple) {
      tuples.add(tuple);
      return tuples.size() - 1;
    }

    @Override
    public TupleChange delete(Transaction tx, long tid) {
      if (tuples.get((int) tid) == null) return new TupleChange(TupleChange.Status.SELF_MODIFIED, -1, 0);
      tuples.set((int) tid, null);
      return new TupleChange(TupleChange.Status.OK, tid, 0);
    }

    @Override
    public TupleChange update(Transaction tx, long tid, byte[] newTuple) {
      TupleChange d = delete(tx, tid);
      return d.ok() ? new TupleChange(TupleChange.Status.OK, insert(tx, newTuple), 0) : d;
    }

    @Override
    public VacuumStats vacuum(Transaction tx) { return new VacuumStats(1, 1, 0, tuples.size(), 0); }

    @Override
    public TupleVersion fetchLatest(long tid, long creator) {
      byte[] t = tuples.get((int) tid);
      return t == null ? null : new TupleVersion(tid, t);
    }

    @Override
    public HeapScan scan(Snapshot snapshot) {
      List<byte[]> copy = new ArrayList<>(tuples);
      scansOpen++;
      return new HeapScan() {
        int pos = -1;

        @Override
        public boolean next() {
          do {
            pos++;
          } while (pos < copy.size() && copy.get(pos) == null);
          return pos < copy.size();
        }

        @Override
        public long tid() { return pos; }

        @Override
        public byte[] tuple() { return copy.get(pos); }

        @Override
        public void close() { scansOpen--; }
      };
    }

    @Override
    public long pageCount() { return 1; }
  }

  /** A transaction that only records the ROW EXCLUSIVE locks it was asked for. */
  static final class MemoryTransaction implements Transaction {
    final List<Long> locked = new ArrayList<>();

    @Override public long xid() { return 1; }
    @Override public boolean hasXid() { return true; }
    @Override public int commandId() { return 0; }
    @Override public void nextCommand() {}
    @Override public Snapshot snapshot() { return new Snapshot(1, 2, new long[0], 1, 0); }
    @Override public boolean lockRelation(long relOid, LockMode mode) {
      if (mode == LockMode.ROW_EXCLUSIVE) locked.add(relOid);
      return false;
    }
    @Override public boolean tryLockRelation(long relOid, LockMode mode) { return true; }
    @Override public void waitForTransaction(long xid) {}
    @Override public void setLockTimeout(long millis) {}
    @Override public IsolationLevel isolationLevel() { return IsolationLevel.READ_COMMITTED; }
    @Override public void setIsolationLevel(IsolationLevel level) {}
    @Override public boolean hasSnapshot() { return true; }
    @Override public boolean isOwnXid(long xid) { return xid == 1; }
    @Override public void beginSubtransaction() {}
    @Override public void releaseSubtransaction() {}
    @Override public void rollbackSubtransaction() {}
    @Override public int subtransactionDepth() { return 0; }
    @Override public void onCommit(Runnable action) {}
    @Override public void onAbort(Runnable action) {}
  }
}
