package org.minidb.executor.spill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary file of rows: written sequentially once, then read sequentially once (a sort run, a hash
 * partition). Rows are in {@link SpillCodec}'s format behind a buffered stream; nothing goes through the buffer
 * pool or the WAL. {@link #close()} deletes the file; it is safe to call more than once and at any point.
 *
 * <p>States: writing (after {@link TempFileSpace#create}) → reading (first {@link #read}) → closed.
 */
public final class SpillFile implements RowSource, AutoCloseable {
  /** The buffer of one open file: a k-way merge holds k of them, so work_mem bounds k (see ExternalSorter). */
  public static final int BUFFER_BYTES = 16 * 1024;

  private final TempFileSpace space;
  private final Path path;
  private final SpillCodec codec = new SpillCodec();
  private OutputStream out;
  private DataInputStream in;
  private long rows;
  private long rowsLeft;
  private long bytes;
  private boolean closed;

  private SpillFile(TempFileSpace space, Path path, OutputStream out) {
    this.space = space;
    this.path = path;
    this.out = out;
  }

  static SpillFile create(TempFileSpace space, Path path) {
    try {
      return new SpillFile(space, path,
          new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES));
    } catch (IOException e) {
      throw TempFileSpace.ioError("could not create temporary file \"" + path + "\"", e);
    }
  }

  public Path path() { return path; }

  /** Rows written. */
  public long rows() { return rows; }

  /** Bytes written, known once writing has finished. */
  public long bytes() { return bytes; }

  /** Appends a row (the array is not kept). */
  public void write(Object[] row) {
    if (out == null) throw new IllegalStateException("temporary file " + path + " is not open for writing");
    try {
      codec.write(out, row);
    } catch (IOException e) {
      throw TempFileSpace.ioError("could not write to file \"" + path + "\"", e);
    }
    rows++;
  }

  /** Flushes and ends writing; the file can then be read. */
  public void finishWriting() {
    if (out == null) return;
    try {
      out.close();
      bytes = Files.size(path);
    } catch (IOException e) {
      throw TempFileSpace.ioError("could not write to file \"" + path + "\"", e);
    } finally {
      out = null;
    }
  }

  /** The next row, or null after the last; the first call ends writing. Each call returns a new array. */
  @Override
  public Object[] next() {
    if (in == null) {
      if (closed) throw new IllegalStateException("temporary file " + path + " is closed");
      finishWriting();
      try {
        in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES));
      } catch (IOException e) {
        throw TempFileSpace.ioError("could not open temporary file \"" + path + "\"", e);
      }
      rowsLeft = rows;
    }
    if (rowsLeft == 0) return null;
    try {
      Object[] row = codec.read(in);
      rowsLeft--;
      return row;
    } catch (IOException e) {
      throw TempFileSpace.ioError("could not read from file \"" + path + "\"", e);
    }
  }

  /** Closes (deletes) every file, all of them even if one fails; the first failure is rethrown. Nulls are skipped. */
  public static void closeAll(Iterable<SpillFile> files) {
    RuntimeException first = null;
    for (SpillFile f : files) {
      if (f == null) continue;
      try {
        f.close();
      } catch (RuntimeException e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (first != null) throw first;
  }

  /** Closes the streams and deletes the file. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    IOException failure = null;
    for (AutoCloseable c : new AutoCloseable[] {out, in}) {
      if (c == null) continue;
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) failure = e instanceof IOException io ? io : new IOException(e);
      }
    }
    out = null;
    in = null;
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      if (failure == null) failure = e;
      else failure.addSuppressed(e);
    } finally {
      space.released(this);
    }
    if (failure != null) throw TempFileSpace.ioError("could not delete file \"" + path + "\"", failure);
  }
}
