package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PREPARE / EXECUTE / DEALLOCATE sent by pgjdbc, in its default extended protocol (each statement an unnamed
 * Parse, Bind, Describe, Execute: EXECUTE's rows must be described before they come) and in the simple protocol.
 * psql's view of the same commands is the golden {@code e2e/psql/prepare.out}, equal to PostgreSQL 15's.
 */
class SqlPrepareTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  @ParameterizedTest
  @ValueSource(strings = {"extended", "simple"})
  void prepareExecuteDeallocate(String mode) throws Exception {
    Properties props = new Properties();
    props.setProperty("preferQueryMode", mode);
    try (Connection c = server.connect(props); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sp_" + mode + " (id int PRIMARY KEY, v text)");
      s.execute("INSERT INTO sp_" + mode + " SELECT g, 'v' || g FROM generate_series(1, 100) g");
      s.execute("PREPARE get(int) AS SELECT id, v FROM sp_" + mode + " WHERE id = $1");
      for (int i = 1; i <= 8; i++) { // custom plans, then the generic plan
        assertEquals(List.of(i + "|v" + i), QueryRows.of(s, "EXECUTE get(" + i + ")"), "execution " + i);
      }
      // the generic plan: the parameter stays a parameter
      assertEquals("(id = $1)", QueryRows.of(s, "EXPLAIN (COSTS OFF) EXECUTE get(3)").get(1).replaceAll(".*: ", ""));
      s.execute("PREPARE put(int, text) AS UPDATE sp_" + mode + " SET v = $2 WHERE id = $1");
      assertEquals(1, s.executeUpdate("EXECUTE put(5, 'five')"));
      assertEquals(List.of("5|five"), QueryRows.of(s, "EXECUTE get(5)"));
      SQLException e = assertThrows(SQLException.class, () -> s.execute("EXECUTE get(1, 2)"));
      assertEquals("42601", e.getSQLState());
      s.execute("DEALLOCATE get");
      e = assertThrows(SQLException.class, () -> s.execute("EXECUTE get(1)"));
      assertEquals("26000", e.getSQLState());
      s.execute("DEALLOCATE ALL");
      e = assertThrows(SQLException.class, () -> s.execute("DEALLOCATE put"));
      assertEquals("26000", e.getSQLState());
    }
  }
}
