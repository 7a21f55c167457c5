package org.minidb.storage.tx.ssi;

/**
 * The dangerous-structure tests of serializable snapshot isolation (Cahill, Fekete; PostgreSQL's
 * OnConflict_CheckForSerializationFailure and PreCommit_CheckForSerializationFailure). Every serialization
 * anomaly under snapshot isolation contains T1 → T2 → T3 (rw-antidependencies: T1 read what T2 wrote, T2 read
 * what T3 wrote) where T3 commits first; T1 may be T3. The tests run under the {@link PredicateLockManager}'s
 * monitor and only read the transactions' state, except {@link #doomPivots}, which dooms.
 */
final class DangerousStructures {
  private DangerousStructures() {}

  /**
   * Before the edge reader → writer is added: does it complete a structure in which a transaction must fail?
   * Either the writer is a pivot (reader → writer → T2 with T2 committed first) or the reader is (T0 → reader →
   * writer with the writer committing first). PostgreSQL's exceptions hold: no anomaly if the reader or the
   * writer committed before T2, or if the reader is read-only and took its snapshot before T2 committed (it
   * then serializes before T2).
   */
  static boolean completes(SerializableXact reader, SerializableXact writer) {
    for (SerializableXact t2 : writer.outConflicts) {
      if (t2.prepared() && t2CommittedFirst(reader, writer, t2.prepareSeqNo)) return true;
    }
    if (writer.releasedOutConflictSeqNo != SerializableXact.NONE
        && t2CommittedFirst(reader, writer, writer.releasedOutConflictSeqNo)) {
      return true;
    }
    if (writer.prepared() && !reader.readOnly) {
      for (SerializableXact t0 : reader.inConflicts) {
        if (!t0.doomed
            && (!t0.committed() || t0.commitSeqNo >= writer.prepareSeqNo)
            && (!t0.readOnly || t0.lastCommitBeforeSnapshot >= writer.prepareSeqNo)) {
          return true;
        }
      }
    }
    return false;
  }

  /** reader → writer → T2 (T2 prepared at {@code t2Seq}) is dangerous: T2 got in before both could serialize. */
  private static boolean t2CommittedFirst(SerializableXact reader, SerializableXact writer, long t2Seq) {
    return (!reader.committed() || t2Seq <= reader.commitSeqNo)
        && (!writer.committed() || t2Seq <= writer.commitSeqNo)
        && (!reader.readOnly || t2Seq <= reader.lastCommitBeforeSnapshot);
  }

  /**
   * A read-only reader meeting a committed writer serializes before it (no edge needed) unless the writer had
   * an out-conflict to a transaction that committed before it and before the reader's snapshot (the read-only
   * anomaly).
   */
  static boolean readOnlyRunsFirst(SerializableXact reader, SerializableXact writer) {
    if (!reader.readOnly || !writer.committed()) return false;
    long earliest = writer.releasedOutConflictSeqNo;
    for (SerializableXact t2 : writer.outConflicts) {
      if (t2.prepared() && t2.prepareSeqNo < writer.commitSeqNo) earliest = Math.min(earliest, t2.prepareSeqNo);
    }
    return earliest == SerializableXact.NONE || reader.lastCommitBeforeSnapshot < earliest;
  }

  /**
   * At {@code me}'s commit: each running transaction that read what {@code me} wrote (near → me) and itself has
   * an in-conflict from a running read-write transaction or from {@code me} (far → near → me) is a pivot whose
   * out-partner commits first now. It is doomed (it fails at its next step), so that a retry of the failing
   * transaction can make progress. A pivot already in its own commit cannot be doomed: then {@code me} fails.
   */
  static void doomPivots(SerializableXact me) {
    for (SerializableXact near : me.inConflicts) {
      if (near.committed() || near.doomed) continue;
      for (SerializableXact far : near.inConflicts) {
        if (far == me || (!far.committed() && !far.readOnly && !far.doomed)) {
          if (near.prepared()) throw SerializationFailure.of(SerializationFailure.PREPARED_PIVOT);
          near.doomed = true;
          break;
        }
      }
    }
  }
}
