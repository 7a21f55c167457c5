package org.minidb.storage.page;

import static org.minidb.storage.page.PageBytes.INT;
import static org.minidb.storage.page.PageBytes.LONG;
import static org.minidb.storage.page.PageBytes.SHORT;

import java.lang.foreign.MemorySegment;

/**
 * The MVCC header in front of every heap tuple's data (PostgreSQL's HeapTupleHeaderData with 64-bit xids and
 * separate cmin/cmax instead of combo command ids):
 *
 * <pre>
 * 0  t_xmin     u64  inserting transaction
 * 8  t_xmax     u64  deleting (or updating) transaction, 0 if none
 * 16 t_cmin     u32  inserting command id (meaningful to the inserting transaction only)
 * 20 t_cmax     u32  deleting command id
 * 24 t_ctid     u64  tid of the newer version after an update, else the tuple's own tid
 * 32 t_infomask u16  hint bits and flags below
 * 34 reserved   u16
 * 36 data       the RowCodec bytes
 * </pre>
 *
 * Hint bits (XMIN_COMMITTED, ...) cache commit-log lookups; they may be set under a shared content latch
 * (then the buffer is marked dirty as a hint). Everything else changes only under the exclusive latch.
 */
public final class HeapTupleHeader {
  private HeapTupleHeader() {}

  public static final int SIZE = 36;

  /**
   * With XMAX_LOCK_ONLY, the row lock mode of a single locker (PostgreSQL's bits, MiniDB's combinations):
   * KEYSHR = FOR KEY SHARE, KEYSHR|EXCL = FOR SHARE, EXCL = FOR NO KEY UPDATE, neither = FOR UPDATE.
   */
  public static final int XMAX_KEYSHR_LOCK = 0x0010;
  public static final int XMAX_EXCL_LOCK = 0x0040;
  /** xmax only locks the row (SELECT ... FOR UPDATE); the version is not deleted. */
  public static final int XMAX_LOCK_ONLY = 0x0080;
  /** xmax is a multixact id (with XMAX_LOCK_ONLY: several lockers, see tx/MultiXacts), not an xid. */
  public static final int XMAX_IS_MULTI = 0x1000;
  public static final int XMIN_COMMITTED = 0x0100;
  public static final int XMIN_INVALID = 0x0200;
  public static final int XMAX_COMMITTED = 0x0400;
  public static final int XMAX_INVALID = 0x0800;
  /** Every bit that describes xmax (cleared when a new xmax is set). */
  public static final int XMAX_BITS = XMAX_KEYSHR_LOCK | XMAX_EXCL_LOCK | XMAX_LOCK_ONLY | XMAX_IS_MULTI
      | XMAX_COMMITTED | XMAX_INVALID;
  /**
   * Some value of this version is stored out of line in the TOAST relation (PostgreSQL's HEAP_HASEXTERNAL): set
   * when the version is written, never changed. Clear means "no TOAST chunks to delete with this version".
   */
  public static final int HASEXTERNAL = 0x0004;
  /** This version was created by an UPDATE (it has an older version). */
  public static final int UPDATED = 0x2000;

  static final int OFF_XMIN = 0;
  static final int OFF_XMAX = 8;
  static final int OFF_CMIN = 16;
  static final int OFF_CMAX = 20;
  static final int OFF_CTID = 24;
  static final int OFF_INFOMASK = 32;

  /** Builds a new tuple (header + data) for an insert. */
  public static byte[] build(long xmin, int cmin, int infomask, byte[] data) {
    byte[] t = new byte[SIZE + data.length];
    MemorySegment s = MemorySegment.ofArray(t);
    s.set(LONG, OFF_XMIN, xmin);
    s.set(LONG, OFF_XMAX, 0L);
    s.set(INT, OFF_CMIN, cmin);
    s.set(INT, OFF_CMAX, 0);
    s.set(SHORT, OFF_INFOMASK, (short) (infomask | XMAX_INVALID));
    System.arraycopy(data, 0, t, SIZE, data.length);
    return t;
  }

  public static long xmin(MemorySegment page, int off) { return page.get(LONG, off + OFF_XMIN); }

  public static long xmax(MemorySegment page, int off) { return page.get(LONG, off + OFF_XMAX); }

  public static int cmin(MemorySegment page, int off) { return page.get(INT, off + OFF_CMIN); }

  public static int cmax(MemorySegment page, int off) { return page.get(INT, off + OFF_CMAX); }

  public static long ctid(MemorySegment page, int off) { return page.get(LONG, off + OFF_CTID); }

  public static int infomask(MemorySegment page, int off) { return Short.toUnsignedInt(page.get(SHORT, off + OFF_INFOMASK)); }

  public static void setXmax(MemorySegment page, int off, long xmax, int cmax) {
    page.set(LONG, off + OFF_XMAX, xmax);
    page.set(INT, off + OFF_CMAX, cmax);
  }

  public static void setCtid(MemorySegment page, int off, long ctid) { page.set(LONG, off + OFF_CTID, ctid); }

  public static void setInfomask(MemorySegment page, int off, int mask) {
    page.set(SHORT, off + OFF_INFOMASK, (short) mask);
  }

  /** Sets hint bits (ORs them in): allowed under a shared content latch. */
  public static void setHint(MemorySegment page, int off, int bits) {
    setInfomask(page, off, infomask(page, off) | bits);
  }
}
