package org.minidb.storage.tx.ssi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serializable snapshot isolation's shared state (PostgreSQL's predicate.c): the running and the retained
 * committed SERIALIZABLE transactions, their SIREAD locks (per relation) and rw-antidependency edges, and the
 * commit sequence that orders snapshots and commits. See this package's README for the rules and invariants.
 *
 * <p>ON-HEAP, behind one monitor (PostgreSQL's SerializableXactHashLock and friends in one): thread mode only,
 * like {@code tx/LockTable}. Process mode needs it in the shared region; nothing here holds a Java reference
 * that could not become an index (transactions are slots, edges and lock lists are bounded by them).
 * The monitor is never held while waiting for anything; it may be taken while a page latch is held (the scan
 * and the heap's writes call in under their latch), never the other way round.
 */
public final class PredicateLockManager {
  /** The last commit sequence number handed out (prepare and commit numbers come from it). */
  private long lastCommitSeqNo;
  private final Set<SerializableXact> running = new LinkedHashSet<>();
  /** Committed transactions kept because a running one overlaps them (their SIREAD locks outlive them). */
  private final Set<SerializableXact> retained = new LinkedHashSet<>();
  private final Map<Long, SerializableXact> byXid = new HashMap<>();
  private final Map<Long, Set<SerializableXact>> sireadByRelation = new HashMap<>();

  /**
   * Registers a SERIALIZABLE transaction as it takes its snapshot: {@code takeSnapshot} runs under the monitor,
   * so that the snapshot and {@link SerializableXact#lastCommitBeforeSnapshot} agree (a transaction prepared
   * before it is visible in it; one committed after it is not).
   */
  public synchronized SerializableXact begin(boolean readOnly, Runnable takeSnapshot) {
    SerializableXact sx = new SerializableXact(lastCommitSeqNo, readOnly);
    takeSnapshot.run();
    running.add(sx);
    return sx;
  }

  /** The transaction wrote with {@code xid} (its own or a subtransaction's): readers of its versions find it. */
  public synchronized void registerXid(SerializableXact sx, long xid) {
    if (sx.topXid == 0) sx.topXid = xid;
    sx.xids.add(xid);
    byXid.put(xid, sx);
  }

  /**
   * A SIREAD lock on a relation (a sequential scan reads all of it), taken before the scan counts the
   * relation's pages, so that a writer either sees the lock or wrote before the scan looked at its page.
   */
  public synchronized void readRelation(SerializableXact reader, long relOid) {
    if (reader.doomed) throw SerializationFailure.of(SerializationFailure.DURING_CONFLICT_OUT);
    if (reader.relations.add(relOid)) sireadByRelation.computeIfAbsent(relOid, k -> new LinkedHashSet<>()).add(reader);
  }

  /**
   * The reader met a version that {@code writerXid} changed and its snapshot does not show that change (an
   * invisible new version, or a visible one deleted by it): reader → writer, if the writer is SERIALIZABLE
   * (PostgreSQL's CheckForSerializableConflictOut).
   */
  public synchronized void conflictOut(SerializableXact reader, long writerXid) {
    if (reader.doomed) throw SerializationFailure.of(SerializationFailure.DURING_CONFLICT_OUT);
    SerializableXact writer = byXid.get(writerXid);
    if (writer == null || writer == reader || writer.doomed) return;
    if (DangerousStructures.readOnlyRunsFirst(reader, writer)) return;
    flag(reader, writer, reader);
  }

  /**
   * The writer is about to change a relation: every concurrent SERIALIZABLE transaction holding a SIREAD lock
   * on it read what this write changes, reader → writer (PostgreSQL's CheckForSerializableConflictIn). Called
   * under the exclusive latch of the page about to change.
   */
  public synchronized void conflictIn(SerializableXact writer, long relOid) {
    if (writer.doomed) throw SerializationFailure.of(SerializationFailure.DURING_CONFLICT_IN);
    Set<SerializableXact> readers = sireadByRelation.get(relOid);
    if (readers == null) return;
    for (SerializableXact reader : new ArrayList<>(readers)) {
      if (reader == writer || reader.doomed) continue;
      if (reader.committed() && reader.commitSeqNo <= writer.lastCommitBeforeSnapshot) continue; // not concurrent
      flag(reader, writer, writer);
    }
  }

  /**
   * Adds reader → writer after checking that it completes no dangerous structure; if it does, {@code me} (the
   * caller's transaction) fails when it is the writer, or when the writer is already committing; otherwise
   * the writer is doomed.
   */
  private void flag(SerializableXact reader, SerializableXact writer, SerializableXact me) {
    if (reader.outConflicts.contains(writer)) return;
    if (DangerousStructures.completes(reader, writer)) {
      if (me == writer) throw SerializationFailure.of(SerializationFailure.DURING_WRITE);
      if (writer.prepared()) throw SerializationFailure.of(SerializationFailure.conflictOutToPivot(writer.topXid));
      writer.doomed = true;
    }
    reader.outConflicts.add(writer);
    writer.inConflicts.add(reader);
  }

  /**
   * Before the commit record: a doomed transaction fails; pivots that this commit makes dangerous are doomed;
   * then the transaction is prepared (it can no longer be doomed). Throws 40001; the caller then aborts.
   */
  public synchronized void preCommit(SerializableXact me) {
    if (me.doomed) throw SerializationFailure.of(SerializationFailure.DURING_COMMIT);
    DangerousStructures.doomPivots(me);
    me.prepareSeqNo = ++lastCommitSeqNo;
  }

  /**
   * After the commit is visible to new snapshots: the commit number, and the transaction is retained (its SIREAD
   * locks and edges stay) while running transactions overlap it. One that never wrote counts as read-only.
   */
  public synchronized void committed(SerializableXact me, boolean wrote) {
    me.commitSeqNo = ++lastCommitSeqNo;
    if (!wrote) me.readOnly = true;
    running.remove(me);
    retained.add(me);
    releaseOverlapped();
  }

  /** An aborted transaction matters to no one: its locks, edges and xids go at once. */
  public synchronized void aborted(SerializableXact me) {
    if (!running.remove(me)) return;
    for (SerializableXact w : me.outConflicts) w.inConflicts.remove(me);
    for (SerializableXact r : me.inConflicts) r.outConflicts.remove(me);
    forget(me);
    releaseOverlapped();
  }

  /**
   * Releases the committed transactions no running one overlaps (each running snapshot came after their
   * commit): no new edge can involve them. Their out-edges from retained transactions are folded into
   * {@link SerializableXact#releasedOutConflictSeqNo}; in-edges can no longer matter (see the README).
   */
  private void releaseOverlapped() {
    long horizon = lastCommitSeqNo;
    for (SerializableXact r : running) horizon = Math.min(horizon, r.lastCommitBeforeSnapshot);
    List<SerializableXact> done = new ArrayList<>();
    for (SerializableXact c : retained) if (c.commitSeqNo <= horizon) done.add(c);
    for (SerializableXact c : done) {
      retained.remove(c);
      for (SerializableXact reader : c.inConflicts) {
        reader.outConflicts.remove(c);
        reader.releasedOutConflictSeqNo = Math.min(reader.releasedOutConflictSeqNo, c.prepareSeqNo);
      }
      for (SerializableXact w : c.outConflicts) w.inConflicts.remove(c);
      forget(c);
    }
  }

  private void forget(SerializableXact sx) {
    for (long relOid : sx.relations) {
      Set<SerializableXact> holders = sireadByRelation.get(relOid);
      if (holders != null && holders.remove(sx) && holders.isEmpty()) sireadByRelation.remove(relOid);
    }
    for (long xid : sx.xids) byXid.remove(xid, sx);
  }

  /** Running plus retained serializable transactions (tests, monitoring). */
  public synchronized int trackedCount() { return running.size() + retained.size(); }

  /** Number of SIREAD locks held (tests, monitoring). */
  public synchronized int sireadLockCount() {
    return sireadByRelation.values().stream().mapToInt(Set::size).sum();
  }
}
