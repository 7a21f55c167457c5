package org.minidb.storage.toast;

import org.minidb.common.encoding.RowCodec;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.types.PgType;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.tx.Transaction;

/**
 * Which values of a row go out of line (PostgreSQL's heap_toast_insert_or_update, simplified): while the tuple is
 * above {@link #TOAST_TUPLE_TARGET}, the largest variable-width value not yet moved is compressed if that pays and
 * stored in the TOAST relation, leaving a {@link ToastPointer}. Differences from PostgreSQL: no inline
 * compression (a compressible value is compressed only on its way out of line), no per-column STORAGE setting
 * (every variable-width column is EXTENDED), and values smaller than {@link #MIN_MOVE} stay in the row.
 * A row still too big afterwards (too many small columns) is refused by the heap with 54000, as in PostgreSQL.
 */
public final class Toaster {
  /** PostgreSQL's TOAST_TUPLE_THRESHOLD and TOAST_TUPLE_TARGET for 8 KiB pages (a quarter page, tuple header included). */
  public static final int TOAST_TUPLE_THRESHOLD = 2032;
  public static final int TOAST_TUPLE_TARGET = 2032;
  /** A value is worth moving only if it is well above a pointer's size. */
  static final int MIN_MOVE = 128;

  private Toaster() {}

  /** Whether a tuple of {@code dataLength} bytes (RowCodec) needs toasting. */
  public static boolean needsToast(int dataLength) {
    return dataLength + HeapTupleHeader.SIZE > TOAST_TUPLE_THRESHOLD;
  }

  /**
   * {@code row} itself when its tuple is small enough, else a copy with its largest values replaced by pointers
   * to chunks written by {@code tx} into {@code toast}.
   */
  public static Object[] toast(ToastRelation toast, Transaction tx, PgType[] types, Object[] row) {
    int n = Math.min(types.length, row.length);
    int[] sizes = new int[n];
    int size = 2 + (n + 7) / 8 + HeapTupleHeader.SIZE;
    for (int i = 0; i < n; i++) {
      if (row[i] != null) {
        sizes[i] = RowCodec.valueSize(types[i], row[i]);
        size += sizes[i];
      }
    }
    if (size <= TOAST_TUPLE_THRESHOLD) return row;
    Object[] out = row.clone();
    while (size > TOAST_TUPLE_TARGET) {
      int biggest = -1;
      for (int i = 0; i < n; i++) {
        if (out[i] != null && !(out[i] instanceof ToastPointer) && RowCodec.isVarlena(types[i])
            && sizes[i] >= MIN_MOVE && (biggest < 0 || sizes[i] > sizes[biggest])) {
          biggest = i;
        }
      }
      if (biggest < 0) break;
      byte[] payload = RowCodec.payload(types[biggest], out[biggest]);
      byte[] compressed = ToastCompression.compress(payload);
      ToastPointer p = compressed != null
          ? toast.save(tx, compressed, payload.length, true)
          : toast.save(tx, payload, payload.length, false);
      out[biggest] = p;
      int pointerSize = RowCodec.valueSize(types[biggest], p);
      size += pointerSize - sizes[biggest];
      sizes[biggest] = pointerSize;
    }
    return out;
  }
}
