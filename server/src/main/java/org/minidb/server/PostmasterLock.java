package org.minidb.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The data directory's lock file, {@code postmaster.pid}, as PostgreSQL keeps it: the first lines are the
 * postmaster's pid, the data directory, the start time, the port and the listen address. It is created
 * atomically (written to a private file, then hard-linked into place, which fails if the lock exists), so a
 * reader never sees a half-written lock. A lock whose pid is not a live process is stale (a killed server)
 * and is replaced. Within one JVM, a directory locked by a running server is refused too, even though the
 * pid is this process's own.
 */
final class PostmasterLock implements AutoCloseable {
  static final String FILE_NAME = "postmaster.pid";
  private static final Set<Path> LOCKED_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

  private final Path dataDirectory;
  private final Path file;
  private final long startTime = System.currentTimeMillis() / 1000;
  private boolean released;

  private PostmasterLock(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    this.file = dataDirectory.resolve(FILE_NAME);
  }

  /** Takes the lock of {@code dataDirectory} (which must exist) or throws FATAL with PostgreSQL's wording. */
  static PostmasterLock acquire(Path dataDirectory, int port, String listenAddresses) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    if (!LOCKED_IN_THIS_PROCESS.add(dir)) throw alreadyExists(dir, ProcessHandle.current().pid());
    PostmasterLock lock = new PostmasterLock(dir);
    try {
      lock.create(port, listenAddresses);
      return lock;
    } catch (RuntimeException e) {
      LOCKED_IN_THIS_PROCESS.remove(dir);
      throw e;
    }
  }

  private void create(int port, String listenAddresses) {
    // Two attempts: the second follows the removal of a stale lock.
    for (int attempt = 0; attempt < 2; attempt++) {
      Path temporary = writeTemporary(port, listenAddresses, "starting");
      try {
        Files.createLink(file, temporary);
        return;
      } catch (FileAlreadyExistsException e) {
        long other = readPid();
        long self = ProcessHandle.current().pid();
        boolean alive = other > 0 && other != self
            && ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false);
        if (alive || other == -1) throw alreadyExists(dataDirectory, other);
        deleteQuietly(file); // stale: its postmaster is gone
      } catch (IOException e) {
        throw new UncheckedIOException("could not create lock file \"" + file + "\"", e);
      } finally {
        deleteQuietly(temporary);
      }
    }
    throw alreadyExists(dataDirectory, readPid());
  }

  /** Rewrites the lock once the server listens (the real port) and is ready. */
  void update(int port, String listenAddresses) {
    Path temporary = writeTemporary(port, listenAddresses, "ready");
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("could not write lock file \"" + file + "\"", e);
    }
  }

  private Path writeTemporary(int port, String listenAddresses, String status) {
    Path temporary = dataDirectory.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + "."
        + System.nanoTime());
    String content = String.join("\n", List.of(Long.toString(ProcessHandle.current().pid()),
        dataDirectory.toString(), Long.toString(startTime), Integer.toString(port), "", listenAddresses,
        "", status)) + "\n";
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      return temporary;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write lock file \"" + temporary + "\"", e);
    }
  }

  /** The pid in the existing lock file; 0 if it vanished or holds none (-1 if unreadable garbage). */
  private long readPid() {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.getFirst().isBlank()) return 0;
      return Long.parseLong(lines.getFirst().trim());
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException | NumberFormatException e) {
      return 0; // a damaged lock file left by a crash is stale, as PostgreSQL treats it
    }
  }

  private static DbException alreadyExists(Path dir, long pid) {
    return DbException.fatal(SqlState.OBJECT_IN_USE, "lock file \"" + FILE_NAME + "\" already exists")
        .withHint("Is another postmaster (PID " + pid + ") running in data directory \"" + dir + "\"?");
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a leftover temporary file is harmless
    }
  }

  /** Removes the lock (clean shutdown). */
  @Override
  public void close() {
    if (released) return;
    released = true;
    deleteQuietly(file);
    LOCKED_IN_THIS_PROCESS.remove(dataDirectory);
  }
}
