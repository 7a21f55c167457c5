package org.minidb.storage.wal;

/**
 * WAL positions (PostgreSQL's XLogRecPtr): a 64-bit byte position in the endless WAL stream, which is cut into
 * segment files of {@link #SEGMENT_SIZE} bytes under {@code pg_wal/}, named by position as PostgreSQL names
 * them (timeline 1): {@code 000000010000000000000001} holds positions 0/1000000 .. 0/1FFFFFF. 0 is invalid.
 */
public final class Lsn {
  private Lsn() {}

  public static final long INVALID = 0;
  public static final int SEGMENT_SIZE = 16 * 1024 * 1024;
  /** The WAL of a new data directory starts at the first byte of segment 1, as PostgreSQL's does. */
  public static final long FIRST = SEGMENT_SIZE;
  private static final long SEGMENTS_PER_ID = 0x1_0000_0000L / SEGMENT_SIZE;

  /** PostgreSQL's text form, e.g. {@code 0/16B3748}. */
  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xffff_ffffL).toUpperCase();
  }

  public static long segment(long lsn) { return lsn / SEGMENT_SIZE; }

  public static int offsetInSegment(long lsn) { return (int) (lsn % SEGMENT_SIZE); }

  public static long segmentStart(long segno) { return segno * SEGMENT_SIZE; }

  /** The file name of a segment (pg_walfile_name). */
  public static String fileName(long segno) {
    return String.format("%08X%08X%08X", 1, segno / SEGMENTS_PER_ID, segno % SEGMENTS_PER_ID);
  }

  /** The segment number of a file name, or -1 if the name is not one of a segment. */
  public static long parseFileName(String name) {
    if (name.length() != 24 || !name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
      return -1;
    }
    return Long.parseLong(name.substring(8, 16), 16) * SEGMENTS_PER_ID + Long.parseLong(name.substring(16), 16);
  }
}
