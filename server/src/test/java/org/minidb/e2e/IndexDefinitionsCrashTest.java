package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INCLUDE, partial and expression indexes survive kill -9 and a clean restart: after recovery every kind passes
 * bt_index_check(index, true), queries through them find the committed rows, and the restarted server computes
 * the entries of new rows (the SQL layer installs the expression compiler again) and enforces uniqueness.
 */
class IndexDefinitionsCrashTest {
  @TempDir Path dir;

  @Test
  void indexesOfEveryKindSurviveKillAndRestart() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    Process server = ChildServer.start(data, log, "512m", "16MB");
    try {
      int port = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE k (id int, email text, active boolean, n int)");
        s.execute("CREATE UNIQUE INDEX k_id_inc ON k (id) INCLUDE (n)");
        s.execute("CREATE UNIQUE INDEX k_email_active ON k (lower(email)) WHERE active");
        s.execute("CREATE INDEX k_n_part ON k ((n * 2)) WHERE n > 500");
        s.execute("INSERT INTO k SELECT i, 'User' || i, i % 3 = 0, i FROM generate_series(1, 3000) i");
        s.execute("UPDATE k SET n = n + 1 WHERE id % 5 = 0");
        c.setAutoCommit(false);
        s.execute("INSERT INTO k SELECT i, 'Lost' || i, true, i FROM generate_series(5001, 5500) i");
        // never committed: the kill takes it away
      }
      server.destroyForcibly();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
      Files.writeString(log, "");
      server = ChildServer.start(data, log, "512m", "16MB");
      port = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        checkAll(s);
        assertEquals(List.of("3000"), IndexDefinitionsTest.rows(s, "SELECT count(*) FROM k"));
        assertEquals(List.of("300|301"), IndexDefinitionsTest.rows(s, "SELECT id, n FROM k WHERE id = 300"));
        assertEquals(List.of("300"), IndexDefinitionsTest.rows(s,
            "SELECT id FROM k WHERE lower(email) = 'user300' AND active"));
        assertEquals(List.of(), IndexDefinitionsTest.rows(s, "SELECT id FROM k WHERE lower(email) = 'user301' AND active"));
        assertEquals(List.of("1200", "1201"),
            IndexDefinitionsTest.rows(s, "SELECT id FROM k WHERE n * 2 = 2402 AND n > 500 ORDER BY id"));
        assertTrue(String.join("\n", IndexDefinitionsTest.rows(s,
            "EXPLAIN (COSTS OFF) SELECT id FROM k WHERE n * 2 = 2402 AND n > 500")).contains("k_n_part"));
        s.execute("INSERT INTO k VALUES (4000, 'NEW', true, 4000)");
        assertEquals("Key (lower(email))=(new) already exists.", SqlErrors.expectError(s,
            "INSERT INTO k VALUES (4001, 'new', true, 1)", "23505").getDetail());
        s.execute("INSERT INTO k VALUES (4001, 'new', false, 1)");
      }
      server.destroy(); // a clean shutdown
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
      Files.writeString(log, "");
      server = ChildServer.start(data, log, "512m", "16MB");
      port = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        checkAll(s);
        assertEquals(List.of("4000"), IndexDefinitionsTest.rows(s, "SELECT id FROM k WHERE lower(email) = 'new' AND active"));
        assertEquals(List.of("3002"), IndexDefinitionsTest.rows(s, "SELECT count(*) FROM k"));
      }
    } finally {
      server.destroyForcibly();
      server.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static void checkAll(Statement s) throws SQLException {
    for (String index : List.of("k_id_inc", "k_email_active", "k_n_part")) IndexDefinitionsTest.check(s, index);
  }

  private static Connection connect(int port) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
        + "/postgres?user=postgres&connectTimeout=10&socketTimeout=120");
  }
}
