package org.minidb.common.encoding;

/**
 * A value stored out of line (PostgreSQL's varatt_external): what a heap tuple keeps in place of a text, bytea or
 * numeric value too big to stay in the row. The value's bytes (its RowCodec payload, without the length header,
 * possibly compressed) live in chunks of the table's TOAST relation, linked from chunk 0 at {@code firstChunk}
 * (a tid) to the last. Storage writes and reads the chunks; the row encoding only carries the pointer.
 *
 * @param toastRelid the TOAST relation's oid (its relfilenode too: TOAST relations are never rewritten)
 * @param valueId the value's chunk_id, an OID unique in the TOAST relation (checked on every chunk read)
 * @param firstChunk tid of chunk 0
 * @param rawSize length of the value's payload once decompressed
 * @param storedSize length of the bytes in the chunks
 * @param compressed whether the chunks hold the payload deflated
 */
public record ToastPointer(long toastRelid, long valueId, long firstChunk, int rawSize, int storedSize,
    boolean compressed) {
  /** Bytes of the pointer's body in a row (after its 4-byte header). */
  public static final int BODY_SIZE = 8 + 8 + 8 + 4 + 4 + 1;

  void write(byte[] out, int pos) {
    putLong(out, pos, toastRelid);
    putLong(out, pos + 8, valueId);
    putLong(out, pos + 16, firstChunk);
    putInt(out, pos + 24, rawSize);
    putInt(out, pos + 28, storedSize);
    out[pos + 32] = (byte) (compressed ? 1 : 0);
  }

  static ToastPointer read(byte[] in, int pos) {
    return new ToastPointer(getLong(in, pos), getLong(in, pos + 8), getLong(in, pos + 16), getInt(in, pos + 24),
        getInt(in, pos + 28), in[pos + 32] != 0);
  }

  private static void putInt(byte[] b, int p, int v) {
    for (int i = 0; i < 4; i++) b[p + i] = (byte) (v >>> (24 - 8 * i));
  }

  private static void putLong(byte[] b, int p, long v) {
    putInt(b, p, (int) (v >>> 32));
    putInt(b, p + 4, (int) v);
  }

  private static int getInt(byte[] b, int p) {
    return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
  }

  private static long getLong(byte[] b, int p) {
    return ((long) getInt(b, p) << 32) | (getInt(b, p + 4) & 0xffffffffL);
  }
}
