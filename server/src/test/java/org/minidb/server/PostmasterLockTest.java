package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;

class PostmasterLockTest {
  @TempDir Path dir;

  @Test
  void secondServerOnTheSameDirectoryIsRefused() {
    try (PostmasterLock lock = PostmasterLock.acquire(dir, 5432, "127.0.0.1")) {
      Path file = dir.resolve("postmaster.pid");
      assertEquals(Long.toString(ProcessHandle.current().pid()), firstLine(file));
      DbException e = assertThrows(DbException.class, () -> PostmasterLock.acquire(dir, 5432, "127.0.0.1"));
      assertEquals("lock file \"postmaster.pid\" already exists", e.getMessage());
      assertTrue(e.hint().startsWith("Is another postmaster (PID " + ProcessHandle.current().pid()
          + ") running in data directory \""), e.hint());
      lock.update(6543, "127.0.0.1");
      assertTrue(readUnchecked(file).contains("\n6543\n"));
    }
    assertFalse(Files.exists(dir.resolve("postmaster.pid")));
  }

  @Test
  void lockOfAnotherLiveProcessIsRefused() throws Exception {
    Process other = new ProcessBuilder("sleep", "30").start();
    try {
      Files.writeString(dir.resolve("postmaster.pid"), other.pid() + "\n" + dir + "\n");
      DbException e = assertThrows(DbException.class, () -> PostmasterLock.acquire(dir, 5432, "127.0.0.1"));
      assertTrue(e.hint().contains("(PID " + other.pid() + ")"), e.hint());
    } finally {
      other.destroy();
      other.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void staleLockIsReplaced() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
    Files.writeString(dir.resolve("postmaster.pid"), gone.pid() + "\n" + dir + "\n");
    try (PostmasterLock lock = PostmasterLock.acquire(dir, 5432, "127.0.0.1")) {
      assertEquals(Long.toString(ProcessHandle.current().pid()), firstLine(dir.resolve("postmaster.pid")));
    }
  }

  private static String firstLine(Path file) { return readUnchecked(file).lines().findFirst().orElse(""); }

  private static String readUnchecked(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
