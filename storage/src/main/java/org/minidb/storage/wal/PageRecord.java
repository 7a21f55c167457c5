package org.minidb.storage.wal;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.Page;

/**
 * The data of a record that changes one page: a block reference, then either the whole page (a full-page
 * image) or the changed byte ranges (a physical delta, like PostgreSQL's generic WAL). One format serves
 * every page kind (heap now, B-tree later), so there is one redo routine for pages.
 *
 * <pre>
 * 0  dbOid u32 | 4 relNumber u64 | 12 block u32 | 16 flags u8
 * 17 IMAGE: 8192 bytes | otherwise: count u16, then count x (offset u16, length u16, bytes)
 * </pre>
 *
 * {@link #INIT}: the page was new (all zeros) before the change: redo starts from a zero page whatever is on
 * disk, so a new page needs no full image (PostgreSQL's XLOG_HEAP_INIT_PAGE). The page LSN bytes are never
 * part of a delta (the LSN is set after the change); the checksum field is only written on copies.
 */
public final class PageRecord {
  private PageRecord() {}

  public static final int IMAGE = 1;
  public static final int INIT = 2;
  private static final int BLOCK_REF = 17;

  /** A decoded page record. */
  public record Decoded(RelFileLocator rel, long block, int flags, byte[] data) {
    public boolean image() { return (flags & IMAGE) != 0; }

    public boolean init() { return (flags & INIT) != 0; }
  }

  /** The whole page. */
  public static byte[] image(RelFileLocator rel, long block, MemorySegment page) {
    byte[] out = new byte[BLOCK_REF + Page.SIZE];
    blockRef(out, rel, block, IMAGE);
    MemorySegment.copy(page, ValueLayout.JAVA_BYTE, 0, out, BLOCK_REF, Page.SIZE);
    return out;
  }

  /** The byte ranges where {@code after} differs from {@code before}; null when nothing changed. */
  public static byte[] delta(RelFileLocator rel, long block, byte[] before, MemorySegment after, boolean init) {
    ByteArrayOutputStream ranges = new ByteArrayOutputStream();
    int count = 0;
    long words = Page.SIZE / 8;
    MemorySegment b = MemorySegment.ofArray(before);
    int i = 1; // word 0 is pd_lsn
    while (i < words) {
      if (b.get(ValueLayout.JAVA_LONG_UNALIGNED, i * 8L) == after.get(ValueLayout.JAVA_LONG_UNALIGNED, i * 8L)) {
        i++;
        continue;
      }
      int start = i;
      int end = i + 1; // exclusive; runs separated by up to 2 equal words are merged (a range costs 4 bytes)
      for (int j = end; j < words && j <= end + 2; j++) {
        if (b.get(ValueLayout.JAVA_LONG_UNALIGNED, j * 8L) != after.get(ValueLayout.JAVA_LONG_UNALIGNED, j * 8L)) {
          end = j + 1;
        }
      }
      int off = start * 8;
      int len = (end - start) * 8;
      ranges.write(off & 0xff);
      ranges.write(off >>> 8);
      ranges.write(len & 0xff);
      ranges.write(len >>> 8);
      byte[] bytes = new byte[len];
      MemorySegment.copy(after, ValueLayout.JAVA_BYTE, off, bytes, 0, len);
      ranges.writeBytes(bytes);
      count++;
      i = end;
    }
    if (count == 0 && !init) return null;
    byte[] body = ranges.toByteArray();
    byte[] out = new byte[BLOCK_REF + 2 + body.length];
    blockRef(out, rel, block, init ? INIT : 0);
    out[BLOCK_REF] = (byte) count;
    out[BLOCK_REF + 1] = (byte) (count >>> 8);
    System.arraycopy(body, 0, out, BLOCK_REF + 2, body.length);
    return out;
  }

  private static void blockRef(byte[] out, RelFileLocator rel, long block, int flags) {
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(rel.dbOid()).putLong(rel.relNumber()).putInt((int) block).put((byte) flags);
  }

  public static Decoded decode(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    RelFileLocator rel = new RelFileLocator(b.getInt(), b.getLong());
    long block = Integer.toUnsignedLong(b.getInt());
    int flags = b.get() & 0xff;
    return new Decoded(rel, block, flags, data);
  }

  /**
   * Redo: applies the record to the page (an image replaces it, INIT starts from zeros, a delta writes its
   * ranges). The caller sets the page LSN afterwards.
   */
  public static void apply(Decoded d, MemorySegment page) {
    byte[] data = d.data();
    if (d.image()) {
      MemorySegment.copy(data, BLOCK_REF, page, ValueLayout.JAVA_BYTE, 0, Page.SIZE);
      return;
    }
    if (d.init()) page.fill((byte) 0);
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    b.position(BLOCK_REF);
    int count = Short.toUnsignedInt(b.getShort());
    for (int k = 0; k < count; k++) {
      int off = Short.toUnsignedInt(b.getShort());
      int len = Short.toUnsignedInt(b.getShort());
      MemorySegment.copy(data, b.position(), page, ValueLayout.JAVA_BYTE, off, len);
      b.position(b.position() + len);
    }
  }
}
