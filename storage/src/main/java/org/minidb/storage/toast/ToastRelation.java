package org.minidb.storage.toast;

import java.util.Arrays;
import java.util.List;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.page.Page;
import org.minidb.storage.heap.TupleChange;
import org.minidb.storage.heap.VacuumStats;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * The TOAST relation of one table ({@code pg_toast.pg_toast_<table oid>}, relkind 't'): a heap of chunk rows
 * (chunk_id oid, chunk_seq int4, chunk_data bytea, chunk_next int8) through the buffer pool and the WAL like any
 * heap, so chunks are as crash-safe and as transactional as rows.
 *
 * <p>Lookup. PostgreSQL finds a value's chunks through a B-tree on (chunk_id, chunk_seq). MiniDB links them
 * instead: chunks are written last to first, each naming the tid of its successor (chunk_next, -1 at the end), and
 * the pointer names chunk 0, so reading a value is one tid fetch per chunk and no index is kept. This is sound
 * because tids of chunks are stable for as long as anyone can reach them: a chunk is never updated; it is deleted
 * (xmax) only together with the row version pointing at it, by the same transaction; and VACUUM frees a chunk's
 * slot only when that deletion (or the chunk's aborted insertion) is below the xmin horizon — when no snapshot
 * can see a version holding the pointer. A reader that holds a pointer from a version it sees therefore finds
 * the chunks where they were written, without a snapshot check (PostgreSQL reads chunks with a non-MVCC "toast
 * snapshot" for the same reason). chunk_id and chunk_seq are still stored and checked on every read, so a
 * broken link is reported as corruption, never returned as data.
 *
 * <p>Writers of chunks hold ROW EXCLUSIVE on the TOAST relation (as on the table), so VACUUM's truncation of
 * empty pages at its end, which needs ACCESS EXCLUSIVE without waiting, never runs under an inserter.
 */
public final class ToastRelation {
  /**
   * Bytes of a chunk row besides its data: RowCodec's column count and null bitmap (3), chunk_id (8), chunk_seq
   * (4), chunk_data's length (4), chunk_next (8).
   */
  private static final int CHUNK_OVERHEAD = 3 + 8 + 4 + 4 + 8;
  /**
   * PostgreSQL's TOAST_MAX_CHUNK_SIZE, for MiniDB's tuples: the largest chunk of which exactly four rows fill a
   * page (an item is 8-byte aligned and has a line pointer): 1969 bytes.
   */
  public static final int CHUNK_SIZE = ((((Page.SIZE - Page.HEADER_SIZE) / 4 - Page.ITEM_ID_SIZE) & ~7)
      - HeapTupleHeader.SIZE - CHUNK_OVERHEAD);
  private static final List<DataType> CHUNK = List.of(new DataType(PgType.OID, DataType.NO_TYPMOD), DataType.INT4,
      new DataType(PgType.BYTEA, DataType.NO_TYPMOD), DataType.INT8);

  private final long oid;
  private final PagedHeap heap;
  private final java.util.function.LongSupplier newOid;

  /** @param newOid hands out value ids (chunk_id), OIDs as PostgreSQL's */
  public ToastRelation(long oid, PagedHeap heap, java.util.function.LongSupplier newOid) {
    this.oid = oid;
    this.heap = heap;
    this.newOid = newOid;
  }

  public long oid() { return oid; }

  /** The TOAST relation's name, PostgreSQL's: {@code pg_toast.pg_toast_<table oid>}. */
  public static String name(long tableOid) { return "pg_toast_" + tableOid; }

  /**
   * Stores {@code stored} (the value's payload, deflated when {@code compressed}) as chunks written by {@code tx}
   * and returns the pointer to them.
   */
  public ToastPointer save(Transaction tx, byte[] stored, int rawSize, boolean compressed) {
    tx.lockRelation(oid, LockMode.ROW_EXCLUSIVE);
    long valueId = newOid.getAsLong();
    int chunks = Math.max(1, (stored.length + CHUNK_SIZE - 1) / CHUNK_SIZE);
    long next = -1;
    for (int seq = chunks - 1; seq >= 0; seq--) {
      int from = seq * CHUNK_SIZE;
      byte[] data = Arrays.copyOfRange(stored, from, Math.min(stored.length, from + CHUNK_SIZE));
      next = heap.insert(tx, RowCodec.encode(CHUNK, new Object[] {valueId, seq, data, next}));
    }
    return new ToastPointer(oid, valueId, next, rawSize, stored.length, compressed);
  }

  /** The value's payload (inflated if it was stored compressed). */
  public byte[] fetch(ToastPointer p) {
    check(p);
    ToastCompression.Stream inflating = p.compressed() ? new ToastCompression.Stream(p.rawSize()) : null;
    byte[] out = inflating == null ? new byte[p.storedSize()] : null;
    int pos = 0;
    long tid = p.firstChunk();
    for (int seq = 0; tid != -1; seq++) {
      Object[] chunk = chunk(p, tid, seq);
      byte[] data = (byte[]) chunk[2];
      if (pos + data.length > p.storedSize()) throw corrupt(p, "chunk number " + seq + " goes past the value's end");
      if (inflating != null) inflating.add(data);
      else System.arraycopy(data, 0, out, pos, data.length);
      pos += data.length;
      tid = (Long) chunk[3];
    }
    if (pos != p.storedSize()) throw corrupt(p, "the chunks hold " + pos + " bytes, " + p.storedSize() + " expected");
    return inflating != null ? inflating.finish() : out;
  }

  /** Marks every chunk of the value deleted by {@code tx} (the row version holding the pointer goes with them). */
  public void delete(Transaction tx, ToastPointer p) {
    check(p);
    tx.lockRelation(oid, LockMode.ROW_EXCLUSIVE);
    long tid = p.firstChunk();
    for (int seq = 0; tid != -1; seq++) {
      long next = (Long) chunk(p, tid, seq)[3];
      TupleChange r = heap.delete(tx, tid);
      if (!r.ok() && r.status() != TupleChange.Status.SELF_MODIFIED) {
        throw DbException.internal("chunk " + seq + " of toast value " + p.valueId() + " in TOAST relation " + oid
            + " was changed by another transaction (" + r.status() + ")", null);
      }
      tid = next;
    }
  }

  /** VACUUM of the chunks (with the table's): dead chunks are removed, empty pages at the end truncated. */
  public VacuumStats vacuum(Transaction tx) { return heap.vacuum(tx); }

  public long pageCount() { return heap.pageCount(); }

  private void check(ToastPointer p) {
    if (p.toastRelid() != oid) {
      throw DbException.internal("toast pointer of relation " + p.toastRelid() + " read through " + oid, null);
    }
  }

  /** The chunk row at {@code tid}, checked to be chunk {@code seq} of the value (PostgreSQL's messages). */
  private Object[] chunk(ToastPointer p, long tid, int seq) {
    byte[] tuple = heap.fetchItem(tid);
    if (tuple == null) throw corrupt(p, "missing chunk number " + seq);
    Object[] chunk = RowCodec.decode(CHUNK, tuple);
    if ((Long) chunk[0] != p.valueId() || (Integer) chunk[1] != seq) {
      throw corrupt(p, "missing chunk number " + seq);
    }
    return chunk;
  }

  private DbException corrupt(ToastPointer p, String what) {
    return DbException.of(SqlState.DATA_CORRUPTED, what + " for toast value " + p.valueId() + " in TOAST relation "
        + oid);
  }
}
