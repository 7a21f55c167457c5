package org.minidb.storage.tx.ssi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/** The conflict graph of serializable snapshot isolation, driven directly (no heap, no server). */
class PredicateLockManagerTest {
  private static final long R1 = 16384, R2 = 16385;
  private final PredicateLockManager m = new PredicateLockManager();

  private SerializableXact begin(long xid) { return begin(xid, false); }

  private SerializableXact begin(long xid, boolean readOnly) {
    SerializableXact sx = m.begin(readOnly, () -> {});
    if (xid != 0) m.registerXid(sx, xid);
    return sx;
  }

  private void commit(SerializableXact sx, boolean wrote) {
    m.preCommit(sx);
    m.committed(sx, wrote);
  }

  private static void assertFails(String reason, Runnable step) {
    DbException e = assertThrows(DbException.class, step::run);
    assertEquals("40001", e.sqlState());
    assertEquals("Reason code: " + reason, e.detail());
  }

  @Test
  void writeSkewDoomsTheSecondCommitter() {
    SerializableXact a = begin(100), b = begin(101);
    m.readRelation(a, R1);
    m.readRelation(b, R1);
    m.conflictIn(a, R1); // b read what a writes: b → a
    m.conflictIn(b, R1); // a → b
    commit(a, true); // b is now a pivot (a → b → a, a first): doomed
    assertFails("Canceled on identification as a pivot, during commit attempt.", () -> m.preCommit(b));
    m.aborted(b);
    assertEquals(0, m.trackedCount());
    assertEquals(0, m.sireadLockCount());
  }

  @Test
  void differentRelationsNeverConflict() {
    SerializableXact a = begin(100), b = begin(101);
    m.readRelation(a, R1);
    m.readRelation(b, R2);
    m.conflictIn(a, R1);
    m.conflictIn(b, R2);
    commit(b, true);
    commit(a, true);
    assertEquals(0, m.trackedCount());
  }

  @Test
  void readOnlyAnomalyFailsThePivotAtItsWrite() {
    SerializableXact t1 = begin(100);
    m.readRelation(t1, R1);
    SerializableXact t2 = begin(101);
    m.conflictIn(t2, R1); // t1 → t2
    commit(t2, true);
    SerializableXact t3 = begin(0);
    m.readRelation(t3, R2);
    commit(t3, false); // read only: it saw t2 and not t1
    assertFails("Canceled on identification as a pivot, during write.", () -> m.conflictIn(t1, R2)); // t3 → t1
  }

  @Test
  void readOnlyReaderOfACommittedWriterRunsFirst() {
    SerializableXact reader = begin(0, true);
    SerializableXact writer = begin(100);
    commit(writer, true);
    m.conflictOut(reader, 100); // saw the old version: it serializes before the writer, no edge
    commit(reader, false);
    assertEquals(0, m.trackedCount());
  }

  @Test
  void readerOfACommittedPivotFailsDuringRead() {
    SerializableXact w = begin(100);
    SerializableXact t2 = begin(101);
    SerializableXact r = begin(102);
    m.readRelation(w, R1);
    m.conflictIn(t2, R1); // w → t2
    commit(t2, true);
    commit(w, true); // w had an out-conflict to t2, which committed first
    assertFails("Canceled on conflict out to pivot 100, during read.", () -> m.conflictOut(r, 100));
  }

  @Test
  void committedReadersKeepTheirSireadLocksWhileOverlapped() {
    SerializableXact reader = begin(0);
    SerializableXact writer = begin(100);
    m.readRelation(reader, R1);
    commit(reader, false);
    assertEquals(1, m.sireadLockCount(), "kept: the writer overlaps the committed reader");
    m.conflictIn(writer, R1); // reader → writer, with the reader committed: no anomaly
    commit(writer, true);
    assertEquals(0, m.sireadLockCount());
    assertEquals(0, m.trackedCount());
  }

  @Test
  void anAbortedTransactionLeavesNoEdges() {
    SerializableXact a = begin(100), b = begin(101);
    m.readRelation(a, R1);
    m.readRelation(b, R1);
    m.conflictIn(b, R1); // a → b
    m.aborted(a);
    commit(b, true);
    assertEquals(0, m.trackedCount());
    assertEquals(0, m.sireadLockCount());
  }

  @Test
  void aDoomedTransactionFailsAtItsNextReadOrWrite() {
    SerializableXact a = begin(100), b = begin(101);
    m.readRelation(a, R1);
    m.readRelation(b, R1);
    m.conflictIn(a, R1);
    m.conflictIn(b, R1);
    commit(a, true);
    assertFails("Canceled on identification as a pivot, during conflict out checking.", () -> m.readRelation(b, R2));
    assertFails("Canceled on identification as a pivot, during conflict in checking.", () -> m.conflictIn(b, R2));
    assertTrue(m.trackedCount() >= 1);
  }
}
