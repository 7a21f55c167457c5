package org.minidb.storage.wal;

/**
 * Reads records from the segment files in order, from a start position, validating each: length, CRC32C and
 * the link to the previous record. {@link #next()} returns null at the end of the valid WAL (zeros, a torn
 * or corrupt record); {@link #stopReason()} then says why. Used by recovery and waldump.
 */
public final class WalReader {
  private final WalSegments segments;
  private long pos;
  private long lastLsn = Lsn.INVALID;
  private long loadedSegno = -1;
  private byte[] seg;
  private String stopReason;

  public WalReader(WalSegments segments, long start) {
    this.segments = segments;
    this.pos = start;
  }

  /** The next valid record, or null at the end of the WAL. */
  public WalRecord next() {
    boolean skipped = false;
    long start = pos;
    for (;;) {
      long segno = Lsn.segment(pos);
      if (segno != loadedSegno) {
        seg = segments.read(segno);
        loadedSegno = segno;
      }
      if (seg == null) {
        pos = start;
        stopReason = skipped ? "invalid record length at " + Lsn.format(start) + ": wanted " + WalRecord.HEADER
            + ", got 0" : "could not open file \"" + Lsn.fileName(segno) + "\"";
        return null;
      }
      int off = Lsn.offsetInSegment(pos);
      boolean zeroLength = Lsn.SEGMENT_SIZE - off < WalRecord.HEADER
          || (seg[off] | seg[off + 1] | seg[off + 2] | seg[off + 3]) == 0;
      if (zeroLength) {
        // Either the end of the WAL or the unused tail of a segment whose next record did not fit (also right
        // at a redo point): look at the start of the next segment once; a record there must carry that position
        // as its LSN and follow by its prev-link, so nothing stale passes.
        if (off == 0 || skipped) {
          pos = start;
          stopReason = "invalid record length at " + Lsn.format(pos) + ": wanted " + WalRecord.HEADER + ", got 0";
          return null;
        }
        pos = Lsn.segmentStart(segno + 1);
        skipped = true;
        continue;
      }
      String[] why = new String[1];
      WalRecord r = WalRecord.decode(seg, off, Lsn.segmentStart(segno), lastLsn, why);
      if (r == null) {
        pos = start;
        stopReason = why[0];
        return null;
      }
      lastLsn = r.lsn();
      pos = r.end();
      return r;
    }
  }

  /** Where the next record would start (after {@link #next()} returned null: the end of the valid WAL). */
  public long position() { return pos; }

  /** Start of the last valid record read, or 0. */
  public long lastLsn() { return lastLsn; }

  public String stopReason() { return stopReason; }
}
