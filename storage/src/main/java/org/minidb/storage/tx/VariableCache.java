package org.minidb.storage.tx;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;

/**
 * The shared counters (PostgreSQL's TransamVariables): next xid, next OID, the catalog version, and what the
 * control file needs, all in the shared region. xids and OIDs are reserved in batches: before one beyond
 * the reserved bound is handed out, the control file is rewritten with a new bound, so after a crash the
 * counters restart above anything that may be on disk.
 *
 * <pre>
 * 0 latch | 8 nextXid | 16 xidLimit | 24 nextOid | 32 oidLimit | 40 catalogVersion | 48 systemIdentifier
 * | 56 oldestXidToCheck | 64 checkpointLsn | 72 redoLsn
 * </pre>
 */
public final class VariableCache {
  static final long OID_PREFETCH = 1024;
  public static final long FIRST_NORMAL_OID = 16384;
  private static final long SIZE = 128;
  private static final int NEXT_XID = 8, XID_LIMIT = 16, NEXT_OID = 24, OID_LIMIT = 32, CATALOG_VERSION = 40,
      SYSTEM_ID = 48, OLDEST_TO_CHECK = 56, CHECKPOINT_LSN = 64, REDO_LSN = 72;

  private final MemorySegment seg;
  private final Path dataDirectory;
  private final boolean fsync;

  public static long sharedSize() { return SIZE; }

  public VariableCache(SharedMemory shm, Path dataDirectory, boolean fsync) {
    this.seg = shm.reserve(SIZE);
    this.dataDirectory = dataDirectory;
    this.fsync = fsync;
  }

  /** Loads the counters from the control file at startup (no one else runs yet). */
  void start(ControlFile c, long oldestXidToCheck) {
    ShmemWords.set(seg, SYSTEM_ID, c.systemIdentifier());
    ShmemWords.set(seg, NEXT_XID, c.nextXid());
    ShmemWords.set(seg, XID_LIMIT, c.nextXid());
    ShmemWords.set(seg, NEXT_OID, c.nextOid());
    ShmemWords.set(seg, OID_LIMIT, c.nextOid());
    ShmemWords.set(seg, OLDEST_TO_CHECK, oldestXidToCheck);
    ShmemWords.set(seg, CHECKPOINT_LSN, c.checkpointLsn());
    ShmemWords.set(seg, REDO_LSN, c.redoLsn());
  }

  /** Records the last completed checkpoint; written to the control file with the next persist. */
  void setCheckpoint(long checkpointLsn, long redoLsn) {
    ShmemWords.set(seg, CHECKPOINT_LSN, checkpointLsn);
    ShmemWords.set(seg, REDO_LSN, redoLsn);
  }

  public long nextOidValue() { return ShmemWords.get(seg, NEXT_OID); }

  /** The next xid to be assigned; every xid below it has been assigned. */
  public long nextXid() { return ShmemWords.get(seg, NEXT_XID); }

  /** Assigns an xid. Called with the ProcArray latch held exclusively (so snapshots see it atomically). */
  long assignXid() {
    Latch.acquireExclusive(seg, 0);
    try {
      long xid = ShmemWords.get(seg, NEXT_XID);
      if (xid >= ShmemWords.get(seg, XID_LIMIT)) {
        ShmemWords.set(seg, XID_LIMIT, xid + TransactionIds.XID_PREFETCH);
        persist(ControlFile.IN_PRODUCTION);
      }
      ShmemWords.set(seg, NEXT_XID, xid + 1);
      return xid;
    } finally {
      Latch.release(seg, 0);
    }
  }

  /** A new OID, unique in this data directory (user objects start at 16384). */
  public long newOid() {
    Latch.acquireExclusive(seg, 0);
    try {
      long oid = ShmemWords.get(seg, NEXT_OID);
      if (oid >= ShmemWords.get(seg, OID_LIMIT)) {
        ShmemWords.set(seg, OID_LIMIT, oid + OID_PREFETCH);
        persist(ControlFile.IN_PRODUCTION);
      }
      ShmemWords.set(seg, NEXT_OID, oid + 1);
      return oid;
    } finally {
      Latch.release(seg, 0);
    }
  }

  public long catalogVersion() { return ShmemWords.get(seg, CATALOG_VERSION); }

  public void bumpCatalogVersion() { ShmemWords.getAndAdd(seg, CATALOG_VERSION, 1); }

  /** Writes the control file with the reserved bounds (running) or the exact counters (shut down). */
  void persist(int state) {
    boolean exact = state == ControlFile.SHUT_DOWN;
    long nextXid = ShmemWords.get(seg, exact ? NEXT_XID : XID_LIMIT);
    long nextOid = ShmemWords.get(seg, exact ? NEXT_OID : OID_LIMIT);
    long oldest = exact ? nextXid : ShmemWords.get(seg, OLDEST_TO_CHECK);
    new ControlFile(ShmemWords.get(seg, SYSTEM_ID), state, nextXid, nextOid, oldest,
        ShmemWords.get(seg, CHECKPOINT_LSN), ShmemWords.get(seg, REDO_LSN)).write(dataDirectory, fsync);
  }

  /** Writes the control file; callers make sure no xid or OID is being assigned concurrently. */
  void persistLocked(int state) {
    Latch.acquireExclusive(seg, 0);
    try {
      persist(state);
    } finally {
      Latch.release(seg, 0);
    }
  }
}
