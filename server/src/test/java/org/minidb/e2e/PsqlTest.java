package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * psql against MiniDB, compared with golden files of psql's output. The golden files were checked against
 * PostgreSQL 15 running the same scripts; regenerate them from MiniDB with {@code -Dgolden.update=true} and
 * review the diff.
 */
class PsqlTest {
  private static final Path GOLDEN = Path.of("src/test/resources/e2e/psql");
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  static String psql() {
    for (String dir : new String[] {"/usr/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin"}) {
      if (new File(dir, "psql").canExecute()) return dir + "/psql";
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"basics", "copy", "explain", "prepare"})
  void outputMatchesGolden(String script) throws Exception {
    String psql = psql();
    assumeTrue(psql != null, "psql is not installed (.ci/run installs postgresql-client)");
    ProcessBuilder pb = new ProcessBuilder(psql, "-X", "-a", "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
        "-U", "postgres", "-d", "postgres", "-f", GOLDEN.resolve(script + ".sql").toString());
    pb.redirectErrorStream(true);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "psql timed out");
    String actual = new String(out, StandardCharsets.UTF_8).replace(GOLDEN.resolve(script + ".sql").toString(), script + ".sql");
    Path golden = GOLDEN.resolve(script + ".out");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
  }
}
