package org.minidb.storage.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One WAL record (PostgreSQL's XLogRecord). Layout, little-endian, every record starting 8-byte aligned:
 *
 * <pre>
 * 0  xl_tot_len u32  header + data
 * 4  xl_crc     u32  CRC32C of bytes 0..4 and 8..xl_tot_len
 * 8  xl_lsn     u64  the record's own position (PostgreSQL's xlp_pageaddr, per record): a record read anywhere
 *                    else, such as the old contents of a recycled segment, is rejected
 * 16 xl_xid     u64  transaction, 0 if none
 * 24 xl_prev    u64  start LSN of the previous record (links the chain: a stale record never passes for a new one)
 * 32 xl_rmid    u8   resource manager
 * 33 xl_info    u8   record type
 * 34 reserved   6 bytes, zero
 * 40 data
 * </pre>
 *
 * A record never crosses a segment boundary: when it does not fit in the rest of a segment, the rest is left
 * zero and the record starts the next segment.
 *
 * @param lsn start position
 * @param end position after the record (aligned): the LSN a page changed by this record gets
 */
public record WalRecord(long lsn, long end, long xid, long prev, int rmgr, int info, byte[] data) {
  public static final int HEADER = 40;
  /** Larger records are invalid (a full-page image plus its block reference is far below). */
  public static final int MAX_LENGTH = 64 * 1024;

  static int aligned(int len) { return (len + 7) & ~7; }

  /** The bytes of a record to be written at position {@code lsn} (not padded). */
  public static byte[] encode(long lsn, long xid, long prev, int rmgr, int info, byte[] data) {
    int tot = HEADER + data.length;
    if (tot > MAX_LENGTH) throw new IllegalArgumentException("WAL record too long: " + tot);
    ByteBuffer b = ByteBuffer.allocate(tot).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(tot).putInt(0).putLong(lsn).putLong(xid).putLong(prev).put((byte) rmgr).put((byte) info);
    b.position(HEADER);
    b.put(data);
    byte[] bytes = b.array();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, crc(bytes, 0, tot));
    return bytes;
  }

  /** The CRC of the record at {@code off} of length {@code tot} in {@code buf}. */
  static int crc(byte[] buf, int off, int tot) {
    CRC32C c = new CRC32C();
    c.update(buf, off, 4);
    c.update(buf, off + 8, tot - 8);
    return (int) c.getValue();
  }

  /**
   * Decodes the record at {@code off} of {@code buf} (which holds bytes from WAL position {@code base}); null
   * with {@code why[0]} set when there is no valid record there.
   */
  static WalRecord decode(byte[] buf, int off, long base, long expectedPrev, String[] why) {
    long lsn = base + off;
    if (buf.length - off < HEADER) {
      why[0] = "invalid record length at " + Lsn.format(lsn);
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    int tot = b.getInt(off);
    if (tot < HEADER || tot > MAX_LENGTH || tot > buf.length - off) {
      why[0] = "invalid record length at " + Lsn.format(lsn) + ": wanted " + HEADER + ", got " + tot;
      return null;
    }
    long recorded = b.getLong(off + 8);
    if (recorded != lsn) {
      // Old contents of a recycled segment (or garbage): a record that was written somewhere else.
      why[0] = "unexpected record LSN " + Lsn.format(recorded) + " at " + Lsn.format(lsn);
      return null;
    }
    if (b.getInt(off + 4) != crc(buf, off, tot)) {
      why[0] = "incorrect resource manager data checksum in record at " + Lsn.format(lsn);
      return null;
    }
    long prev = b.getLong(off + 24);
    if (expectedPrev != Lsn.INVALID && prev != expectedPrev) {
      why[0] = "record with incorrect prev-link " + Lsn.format(prev) + " at " + Lsn.format(lsn);
      return null;
    }
    byte[] data = new byte[tot - HEADER];
    System.arraycopy(buf, off + HEADER, data, 0, data.length);
    return new WalRecord(lsn, lsn + aligned(tot), b.getLong(off + 16), prev, buf[off + 32] & 0xff,
        buf[off + 33] & 0xff, data);
  }

  @Override
  public String toString() {
    return "lsn: " + Lsn.format(lsn) + ", prev " + Lsn.format(prev) + ", xid: " + xid + ", len: "
        + (HEADER + data.length) + ", desc: " + ResourceManagers.describe(rmgr, info);
  }
}
