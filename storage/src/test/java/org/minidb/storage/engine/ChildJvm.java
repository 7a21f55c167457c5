package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a crash child (a main class of the test class path that works on a data directory, prints READY and
 * halts) in its own JVM, bounded in time, and returns what it printed.
 */
final class ChildJvm {
  private ChildJvm() {}

  static String run(Class<?> main, Path data) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    File out = File.createTempFile("crash-child", ".out");
    try {
      Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName(),
          data.toString())).redirectErrorStream(true).redirectOutput(out).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(main.getSimpleName() + " did not finish within 120 s: " + Files.readString(out.toPath()));
      }
      String text = Files.readString(out.toPath());
      assertTrue(text.contains("READY"), text);
      return text;
    } finally {
      Files.deleteIfExists(out.toPath());
    }
  }

  /** The number after {@code key} on the child's line starting with it. */
  static long value(String out, String key) {
    return Long.parseLong(out.lines().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow()
        .substring(key.length() + 1).trim());
  }
}
