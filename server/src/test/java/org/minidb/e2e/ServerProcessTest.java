package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: its own OS process started like the {@code postgres} binary, the ready
 * line in its log, a lock file that refuses a second server, SIGTERM for a clean shutdown, a stale lock file
 * after SIGKILL that does not stop the next start.
 */
class ServerProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on IPv4 address \"127.0.0.1\", port (\\d+)");

  /**
   * A server process writing its log to a file. (A file, not a pipe: the JDK drains a pipe when the process
   * exits, and lines written during shutdown could be lost between the drain and a reader thread.)
   */
  private static final class ServerProcess implements AutoCloseable {
    final Process process;
    final Path log;

    ServerProcess(Path dataDir, String... extra) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          "org.minidb.server.Main", "-D", dataDir.toString(), "-p", "0", "-c", "fsync=off",
          "-c", "shared_buffers=8MB"));
      command.addAll(List.of(extra));
      log = Files.createTempFile("minidb-server", ".log");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    String output() throws IOException { return Files.readString(log, StandardCharsets.UTF_8); }

    /** Waits up to 60 s for a log line matching {@code pattern}; returns its matcher, or null. */
    Matcher await(Pattern pattern) throws InterruptedException, IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        Matcher m = pattern.matcher(output());
        if (m.find()) return m;
        if (!process.isAlive()) {
          m = pattern.matcher(output());
          return m.find() ? m : null;
        }
        Thread.sleep(50);
      }
      return null;
    }

    int port() throws InterruptedException, IOException {
      Matcher m = await(LISTENING);
      assertTrue(m != null, "no listening line in " + output());
      assertTrue(await(Pattern.compile("database system is ready to accept connections")) != null, output());
      return Integer.parseInt(m.group(1));
    }

    @Override
    public void close() throws InterruptedException, IOException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }
  }

  private static Connection connect(int port) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
  }

  @Test
  void sigtermShutsDownCleanlyAndTheLockRefusesASecondServer(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess server = new ServerProcess(data)) {
      int port = server.port();
      assertTrue(Files.exists(data.resolve("postmaster.pid")));
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (x int)");
        s.execute("INSERT INTO kept VALUES (1), (2)");
      }
      try (ServerProcess second = new ServerProcess(data)) {
        assertTrue(second.process.waitFor(60, TimeUnit.SECONDS), "a second server on the same directory must exit");
        assertNotEquals(0, second.process.exitValue());
        assertTrue(second.await(Pattern.compile("lock file \"postmaster.pid\" already exists")) != null,
            second.output());
      }
      server.process.destroy(); // SIGTERM
      assertTrue(server.process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, server.process.exitValue(), server.output());
      assertTrue(server.await(Pattern.compile("database system is shut down")) != null, server.output());
      assertFalse(Files.exists(data.resolve("postmaster.pid")));
    }
    try (ServerProcess again = new ServerProcess(data)) {
      int port = again.port();
      try (Connection c = connect(port); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT sum(x) FROM kept")) {
        rs.next();
        assertEquals(3, rs.getInt(1));
      }
    }
  }

  @Test
  void aStaleLockFileLeftBySigkillIsReplaced(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess server = new ServerProcess(data)) {
      server.port();
      server.process.destroyForcibly(); // SIGKILL: postmaster.pid stays behind
      assertTrue(server.process.waitFor(60, TimeUnit.SECONDS));
    }
    assertTrue(Files.exists(data.resolve("postmaster.pid")));
    try (ServerProcess again = new ServerProcess(data)) {
      int port = again.port();
      try (Connection c = connect(port); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
    }
  }
}
