package org.minidb.storage.toast;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.heap.TupleChange;
import org.minidb.storage.heap.TupleVersion;
import org.minidb.storage.heap.VacuumStats;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * A table's heap (with its indexes, if any) together with its TOAST relation: new versions have their large
 * values moved out of line ({@link Toaster}) before they reach the heap; a version deleted or replaced has the
 * chunks of its values deleted by the same transaction, so they die with it (PostgreSQL's heap_toast_delete).
 * An UPDATE stores copies of the values it keeps (PostgreSQL reuses the old pointer when a value is unchanged;
 * here the executor hands over detoasted rows). VACUUM cleans the TOAST relation with the table.
 *
 * <p>The old version is read again (to find its pointers) only when the heap reports that it carries
 * HEAP_HASEXTERNAL ({@link TupleChange#oldHadExternal}): the table's heap sets that bit on every version written
 * with a value out of line ({@link #hasExternalValues}), so updates of rows without large values cost no re-read.
 */
public final class ToastedHeap implements HeapRelation {
  private final HeapRelation heap;
  /** The table's own heap, to read an old version's pointers by tid. */
  private final PagedHeap tableHeap;
  private final ToastRelation toast;
  private final List<DataType> types;
  private final PgType[] pgTypes;

  /** @param tableHeap the table's own heap, made with {@link #hasExternalValues} (else: IllegalArgumentException) */
  public ToastedHeap(HeapRelation heap, PagedHeap tableHeap, ToastRelation toast, List<DataType> types) {
    if (!tableHeap.marksExternal()) {
      throw new IllegalArgumentException("the heap of a table with a TOAST relation must set HEAP_HASEXTERNAL");
    }
    this.heap = heap;
    this.tableHeap = tableHeap;
    this.toast = toast;
    this.types = List.copyOf(types);
    this.pgTypes = types.stream().map(DataType::type).toArray(PgType[]::new);
  }

  public ToastRelation toast() { return toast; }

  /** The test the table's heap uses to set HEAP_HASEXTERNAL: the tuple holds a {@link ToastPointer}. */
  public static java.util.function.Predicate<byte[]> hasExternalValues(List<DataType> types) {
    PgType[] pg = types.stream().map(DataType::type).toArray(PgType[]::new);
    return tuple -> !RowCodec.externalValues(pg, tuple).isEmpty();
  }

  /** Encodes the row with its large values already out of line: the value is never encoded inline first. */
  @Override
  public byte[] formTuple(Transaction tx, List<DataType> rowTypes, Object[] row) {
    return RowCodec.encode(rowTypes, Toaster.toast(toast, tx, pgTypes, row));
  }

  @Override
  public long insert(Transaction tx, byte[] tuple) { return heap.insert(tx, toasted(tx, tuple)); }

  @Override
  public long[] insertBatch(Transaction tx, List<byte[]> tuples) {
    List<byte[]> out = new ArrayList<>(tuples.size());
    for (byte[] t : tuples) out.add(toasted(tx, t));
    return heap.insertBatch(tx, out);
  }

  @Override
  public TupleChange delete(Transaction tx, long tid) {
    TupleChange r = heap.delete(tx, tid);
    if (r.oldHadExternal()) deleteValues(tx, tableHeap.fetchItem(tid)); // HEAP_HASEXTERNAL: else nothing to read
    return r;
  }

  /**
   * The old version's values are deleted once the update is done; if it fails (a concurrent change: the executor
   * re-checks and may retry), the chunks just written for the new version are deleted again, so none is left live
   * without a row.
   */
  @Override
  public TupleChange update(Transaction tx, long tid, byte[] newTuple) {
    byte[] t = toasted(tx, newTuple);
    TupleChange r = heap.update(tx, tid, t);
    if (!r.ok()) {
      deleteValues(tx, t);
    } else if (r.oldHadExternal()) { // HEAP_HASEXTERNAL: without it the old version has no chunks, no need to read it
      deleteValues(tx, tableHeap.fetchItem(tid));
    }
    return r;
  }

  @Override
  public TupleChange lock(Transaction tx, long tid, boolean wait) { return heap.lock(tx, tid, wait); }

  @Override
  public TupleVersion fetchLatest(long tid, long creator) { return heap.fetchLatest(tid, creator); }

  @Override
  public VacuumStats vacuum(Transaction tx) {
    VacuumStats stats = heap.vacuum(tx);
    toast.vacuum(tx);
    return stats;
  }

  @Override
  public HeapScan scan(Snapshot snapshot) { return heap.scan(snapshot); }

  @Override
  public HeapScan scan(Snapshot snapshot, Transaction reader) { return heap.scan(snapshot, reader); }

  @Override
  public long pageCount() { return heap.pageCount(); }

  @Override
  public long toastPageCount() { return toast.pageCount(); }

  /** {@code tuple} itself when small enough, else re-encoded with its large values out of line (COPY, catalog). */
  private byte[] toasted(Transaction tx, byte[] tuple) {
    if (!Toaster.needsToast(tuple.length)) return tuple;
    Object[] row = RowCodec.decode(types, tuple);
    Object[] out = Toaster.toast(toast, tx, pgTypes, row);
    return out == row ? tuple : RowCodec.encode(types, out);
  }

  /** Deletes the chunks of every value of {@code tuple} stored out of line. */
  private void deleteValues(Transaction tx, byte[] tuple) {
    if (tuple == null) return;
    for (ToastPointer p : RowCodec.externalValues(pgTypes, tuple)) toast.delete(tx, p);
  }
}
