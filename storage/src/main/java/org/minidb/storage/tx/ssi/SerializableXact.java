package org.minidb.storage.tx.ssi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One SERIALIZABLE transaction as serializable snapshot isolation tracks it (PostgreSQL's SERIALIZABLEXACT):
 * where its snapshot lies in the commit order, the relations it read (SIREAD locks), and its rw-antidependency
 * edges. Every field is guarded by the owning {@link PredicateLockManager}'s monitor; the object outlives its
 * transaction's commit until no running serializable transaction overlaps it.
 */
public final class SerializableXact {
  /** "Not yet": a sequence number not assigned. Comparisons treat it as later than everything. */
  static final long NONE = Long.MAX_VALUE;

  /** The commit sequence number that was last handed out when this transaction's snapshot was taken. */
  final long lastCommitBeforeSnapshot;
  /** Declared READ ONLY, or committed without writing (PostgreSQL's SXACT_FLAG_READ_ONLY). */
  boolean readOnly;
  /** Chosen as the victim of a dangerous structure: it fails at its next read, write or commit. */
  boolean doomed;
  /** Taken in the pre-commit check (PostgreSQL's prepareSeqNo): from here on it can no longer be doomed. */
  long prepareSeqNo = NONE;
  long commitSeqNo = NONE;
  /** The first xid assigned (named in error details), 0 while it has none. */
  long topXid;
  /** Every xid it wrote with (top level and subtransactions), to find it from a tuple's xmin/xmax. */
  final List<Long> xids = new ArrayList<>();
  /** Edges reader → this: transactions that read what this one wrote (rw-antidependencies in). */
  final Set<SerializableXact> inConflicts = new LinkedHashSet<>();
  /** Edges this → writer: transactions that wrote what this one read (rw-antidependencies out). */
  final Set<SerializableXact> outConflicts = new LinkedHashSet<>();
  /**
   * The smallest prepareSeqNo among out-conflict partners already released (they committed before every
   * running serializable transaction began): their edges are folded into this number, which is all the checks
   * need of them (PostgreSQL's summarized conflict out).
   */
  long releasedOutConflictSeqNo = NONE;
  /** Relations this transaction read: SIREAD locks at relation granularity. */
  final Set<Long> relations = new HashSet<>();

  SerializableXact(long lastCommitBeforeSnapshot, boolean readOnly) {
    this.lastCommitBeforeSnapshot = lastCommitBeforeSnapshot;
    this.readOnly = readOnly;
  }

  boolean prepared() { return prepareSeqNo != NONE; }

  boolean committed() { return commitSeqNo != NONE; }

  @Override
  public String toString() {
    return "SerializableXact[xid=" + topXid + ", snapshotAfter=" + lastCommitBeforeSnapshot
        + (prepared() ? ", prepared=" + prepareSeqNo : "") + (committed() ? ", committed=" + commitSeqNo : "")
        + (doomed ? ", doomed" : "") + (readOnly ? ", read only" : "") + "]";
  }
}
