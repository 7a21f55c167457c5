package org.minidb.storage.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The storage manager (PostgreSQL's smgr): creates, opens, removes and syncs relation files under the data
 * directory. Open files are kept in an on-heap map (a per-process accelerator; every process opens its own
 * descriptors). Directories are fsynced when an entry is created or removed; files when {@link #syncAll()}
 * runs (flush, close, and later the checkpointer).
 */
public final class FileManager implements AutoCloseable {
  private final Path dataDirectory;
  private final boolean fsync;
  private final ConcurrentHashMap<RelFileLocator, RelationFile> open = new ConcurrentHashMap<>();

  public FileManager(Path dataDirectory, boolean fsync) {
    this.dataDirectory = dataDirectory;
    this.fsync = fsync;
  }

  public Path dataDirectory() { return dataDirectory; }

  public boolean fsyncEnabled() { return fsync; }

  public Path pathOf(RelFileLocator loc) { return dataDirectory.resolve(loc.path()); }

  public boolean exists(RelFileLocator loc) { return open.containsKey(loc) || Files.exists(pathOf(loc)); }

  /** Creates an empty file for the relation (an error if it exists). */
  public RelationFile create(RelFileLocator loc) {
    Path path = pathOf(loc);
    FileSync.createDirectories(path.getParent(), fsync);
    RelationFile file = new RelationFile(loc, path, true);
    open.put(loc, file);
    FileSync.directory(path.getParent(), fsync);
    return file;
  }

  /** The open file of the relation, opening it on first use. */
  public RelationFile file(RelFileLocator loc) {
    RelationFile f = open.get(loc);
    if (f != null) return f;
    return open.computeIfAbsent(loc, l -> {
      Path path = pathOf(l);
      if (!Files.exists(path)) {
        throw DbException.of(SqlState.IO_ERROR, "could not open file \"" + l.path() + "\": No such file or directory");
      }
      return new RelationFile(l, path, false);
    });
  }

  /** Removes the relation's file; its buffers must have been dropped first. Missing files are ignored. */
  public void unlink(RelFileLocator loc) {
    RelationFile f = open.remove(loc);
    if (f != null) f.close();
    Path path = pathOf(loc);
    try {
      if (Files.deleteIfExists(path)) FileSync.directory(path.getParent(), fsync);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not remove file \"" + loc.path() + "\": " + e.getMessage(), e);
    }
  }

  /** Fsyncs every open relation file (no-op when fsync is off). */
  public void syncAll() {
    if (!fsync) return;
    for (RelationFile f : open.values()) f.sync();
  }

  @Override
  public void close() {
    for (RelationFile f : open.values()) f.close();
    open.clear();
  }
}
