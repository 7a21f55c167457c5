package org.minidb.storage.toast;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Compression of TOAST values: deflate at its fastest level (PostgreSQL uses pglz or lz4; the JDK has deflate).
 * Like pglz's strategy, it gives up early on data that does not compress: a large value's first
 * {@link #SAMPLE} bytes are tried first, and a value is kept compressed only if that saves at least a quarter
 * (pglz's default need_rate is 25 %), so incompressible data (already compressed images, random bytes) costs one
 * small trial, not a pass over the whole value.
 */
final class ToastCompression {
  static final int SAMPLE = 64 * 1024;

  private ToastCompression() {}

  /** The deflated form of {@code raw}, or null when it would not save a quarter. */
  static byte[] compress(byte[] raw) {
    if (raw.length > 2 * SAMPLE && deflate(Arrays.copyOf(raw, SAMPLE)) == null) return null;
    return deflate(raw);
  }

  private static byte[] deflate(byte[] raw) {
    int limit = raw.length - raw.length / 4;
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    try {
      d.setInput(raw);
      d.finish();
      byte[] out = new byte[Math.max(limit, 1)];
      int n = 0;
      while (!d.finished()) {
        if (n == out.length) return null;
        n += d.deflate(out, n, out.length - n);
      }
      return n < limit ? Arrays.copyOf(out, n) : null;
    } finally {
      d.end();
    }
  }

  /** Inflates chunk after chunk into one array of the value's raw size. */
  static final class Stream {
    private final Inflater inflater = new Inflater();
    private final byte[] out;
    private int written;

    Stream(int rawSize) { this.out = new byte[rawSize]; }

    void add(byte[] chunk) {
      inflater.setInput(chunk);
      try {
        while (!inflater.needsInput() && !inflater.finished()) {
          int n = inflater.inflate(out, written, out.length - written);
          written += n;
          if (n == 0 && written == out.length) break;
        }
      } catch (DataFormatException e) {
        inflater.end();
        throw DbException.of(SqlState.DATA_CORRUPTED, "compressed TOAST data is corrupt: " + e.getMessage(), e);
      }
    }

    byte[] finish() {
      boolean complete = inflater.finished() && written == out.length;
      inflater.end();
      if (!complete) {
        throw DbException.of(SqlState.DATA_CORRUPTED, "compressed TOAST data is corrupt: " + written
            + " bytes inflated, " + out.length + " expected");
      }
      return out;
    }
  }
}
