package org.minidb.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/** fsync of files and directories. A directory is fsynced after an entry in it is created, renamed or removed. */
public final class FileSync {
  private FileSync() {}

  /** Fsyncs a directory so that a created, renamed or removed entry survives a crash. */
  public static void directory(Path dir, boolean fsync) {
    if (!fsync) return;
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not fsync directory \"" + dir + "\": " + e.getMessage(), e);
    }
  }

  /** Creates the directory (and parents) if missing, fsyncing each created directory's parent. */
  public static void createDirectories(Path dir, boolean fsync) {
    Path abs = dir.toAbsolutePath();
    if (Files.isDirectory(abs)) return;
    Path parent = abs.getParent();
    if (parent != null) createDirectories(parent, fsync);
    try {
      Files.createDirectory(abs);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return;
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not create directory \"" + abs + "\": " + e.getMessage(), e);
    }
    if (parent != null) directory(parent, fsync);
  }

  /**
   * Replaces {@code target} atomically with {@code content}: write a temp file, fsync it, rename it over the
   * target, fsync the directory. A crash leaves either the old or the new content.
   */
  public static void writeAtomically(Path target, byte[] content, boolean fsync) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(content);
      while (bb.hasRemaining()) ch.write(bb);
      if (fsync) ch.force(true);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not write file \"" + tmp + "\": " + e.getMessage(), e);
    }
    try {
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR,
          "could not rename file \"" + tmp + "\" to \"" + target + "\": " + e.getMessage(), e);
    }
    directory(target.toAbsolutePath().getParent(), fsync);
  }
}
