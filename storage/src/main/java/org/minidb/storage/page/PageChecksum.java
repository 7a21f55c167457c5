package org.minidb.storage.page;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * CRC32C page checksums: computed when a page is written out, verified when it is read in. The block number
 * is mixed in so that a page written to the wrong place is detected too. An all-zero page (extended, never
 * initialized) carries no checksum and is accepted, as in PostgreSQL.
 */
public final class PageChecksum {
  private PageChecksum() {}

  public static int compute(MemorySegment page, long block) {
    CRC32C crc = new CRC32C();
    crc.update(page.asSlice(0, Page.OFF_CHECKSUM).asByteBuffer());
    crc.update(page.asSlice(Page.OFF_CHECKSUM + 4, Page.SIZE - Page.OFF_CHECKSUM - 4).asByteBuffer());
    crc.update(new byte[] {(byte) block, (byte) (block >>> 8), (byte) (block >>> 16), (byte) (block >>> 24)});
    int sum = (int) crc.getValue();
    return sum == 0 ? 1 : sum; // 0 is reserved for "no checksum" (all-zero page)
  }

  /** Stores the checksum in the page (a private copy about to be written). */
  public static void set(MemorySegment page, long block) { Page.setChecksum(page, compute(page, block)); }

  /**
   * Verifies a page just read from {@code relationPath}.
   *
   * @throws DbException XX001 {@code invalid page in block N of relation base/..}
   */
  public static void verify(MemorySegment page, long block, String relationPath) {
    if (Page.isNew(page) && isAllZero(page)) return;
    if (Page.checksum(page) != compute(page, block) || !Page.headerIsSane(page)) {
      throw DbException.of(SqlState.DATA_CORRUPTED, "invalid page in block " + block + " of relation " + relationPath);
    }
  }

  private static boolean isAllZero(MemorySegment page) {
    for (long i = 0; i < Page.SIZE; i += 8) {
      if (page.get(PageBytes.LONG, i) != 0) return false;
    }
    return true;
  }
}
