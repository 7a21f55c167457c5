package org.minidb.executor.spill;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * One backend's temporary files, PostgreSQL's {@code fd.c} temporary files: sorts and hash tables that outgrow
 * {@code work_mem} write their rows to {@code <datadir>/base/pgsql_tmp/pgsql_tmp<pid>.<n>}. The files are not
 * WAL-logged and bypass the buffer pool (buffered sequential I/O only): nothing in them survives a crash or is
 * needed after one, which is why {@link #removeLeftovers} clears the directory at server start.
 *
 * <p>Each file is deleted by whoever closes it (the operator, when it closes, also after a failure); the space
 * remembers the files still open so that {@link #close()} at session end deletes any that an operator failed
 * to close. Invariant: every file this space created and that still exists is in {@code open}.
 * Used by its backend's thread; {@link #close()} may come from another thread at shutdown, hence the locking.
 */
public final class TempFileSpace implements AutoCloseable {
  /** The directory under the data directory, as PostgreSQL's {@code PG_TEMP_FILES_DIR} in the default tablespace. */
  public static final String DIRECTORY = "base/pgsql_tmp";
  /** The file name prefix, as PostgreSQL's {@code PG_TEMP_FILE_PREFIX}. */
  public static final String PREFIX = "pgsql_tmp";

  private final Path directory;
  private final int pid;
  private final Set<SpillFile> open = new LinkedHashSet<>();
  private long nextNumber;

  private TempFileSpace(Path directory, int pid) {
    this.directory = directory;
    this.pid = pid;
  }

  /** The temporary files of backend {@code pid} in the data directory {@code dataDirectory}. */
  public static TempFileSpace of(Path dataDirectory, int pid) {
    return new TempFileSpace(directoryOf(dataDirectory), pid);
  }

  /** Where temporary files live for {@code dataDirectory}. */
  public static Path directoryOf(Path dataDirectory) {
    return dataDirectory.resolve(DIRECTORY);
  }

  /**
   * Deletes every temporary file left in {@code dataDirectory} by an earlier run (PostgreSQL's
   * {@code RemovePgTempFiles} at postmaster start). Only names with the temporary-file prefix are touched.
   *
   * @return the number of files removed
   */
  public static int removeLeftovers(Path dataDirectory) {
    Path dir = directoryOf(dataDirectory);
    if (!Files.isDirectory(dir)) return 0;
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path f : files) {
        if (Files.isRegularFile(f) && Files.deleteIfExists(f)) removed++;
      }
    } catch (IOException e) {
      throw ioError("could not remove temporary files in \"" + dir + "\"", e);
    }
    return removed;
  }

  /** Creates a new empty temporary file, open for writing. */
  public SpillFile create() {
    Path path;
    synchronized (this) {
      path = directory.resolve(PREFIX + pid + "." + nextNumber++);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw ioError("could not create directory \"" + directory + "\"", e);
    }
    SpillFile file = SpillFile.create(this, path);
    synchronized (this) {
      open.add(file);
    }
    return file;
  }

  /** Called by a file once it is deleted. */
  synchronized void released(SpillFile file) {
    open.remove(file);
  }

  /** How many of this space's files exist now (tests, diagnostics). */
  public synchronized int openFiles() {
    return open.size();
  }

  /** How many files this space has created so far (tests, diagnostics). */
  public synchronized long created() {
    return nextNumber;
  }

  /** Deletes every file of this space still open: the session ends, whatever its operators did. */
  @Override
  public void close() {
    List<SpillFile> left;
    synchronized (this) {
      left = new ArrayList<>(open);
    }
    SpillFile.closeAll(left);
  }

  static DbException ioError(String message, IOException e) {
    String reason = e instanceof NoSuchFileException ? "No such file or directory"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    boolean full = reason.contains("No space left");
    return DbException.of(full ? "53100" : SqlState.IO_ERROR, message + ": " + reason, e);
  }
}
