package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MiniDB server in a child JVM on a data directory, for tests that kill it (-9) or flip bytes in its files
 * while it is down: started with {@code fsync=off} on an ephemeral port, its output in a log file.
 */
final class ChildServer {
  private static final Pattern LISTENING = Pattern.compile("listening on IPv4 address \"127.0.0.1\", port (\\d+)");
  private static final Pattern READY = Pattern.compile("database system is ready to accept connections");

  private ChildServer() {}

  /** Starts the server with this heap limit ({@code -Xmx}) and shared_buffers. */
  static Process start(Path data, Path log, String maxHeap, String sharedBuffers) throws IOException {
    return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
        "org.minidb.server.Main", "-D", data.toString(), "-p", "0", "-c", "fsync=off",
        "-c", "shared_buffers=" + sharedBuffers))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The port once the server is ready; fails the test if it exits or is not ready within 60 s. */
  static int awaitReady(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Matcher m = LISTENING.matcher(out);
      if (m.find() && READY.matcher(out).find()) return Integer.parseInt(m.group(1));
      if (!p.isAlive()) fail("server exited:\n" + out);
      Thread.sleep(20);
    }
    fail("server not ready:\n" + Files.readString(log, StandardCharsets.UTF_8));
    return -1;
  }
}
