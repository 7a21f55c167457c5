package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * amcheck's bt_index_check / bt_index_parent_check over pgjdbc: an index that went through inserts, updates,
 * deletes, splits and VACUUM checks clean, heap tuples included; the errors for a table and an unknown name are
 * PostgreSQL 15's (with amcheck installed).
 */
class IndexCheckTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  @Test
  void indexesThroughChangesAndVacuumCheckClean() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE chk (id int PRIMARY KEY, v text, n int)");
      s.execute("CREATE INDEX chk_v_n ON chk (v DESC, n)");
      s.execute("INSERT INTO chk SELECT g, 'value ' || (g % 97), g % 13 FROM generate_series(1, 5000) g");
      s.execute("UPDATE chk SET n = n + 1 WHERE id % 3 = 0");
      s.execute("DELETE FROM chk WHERE id % 7 = 0");
      for (String index : new String[] {"chk_pkey", "chk_v_n", "public.chk_pkey", "\"chk_v_n\""}) {
        try (ResultSet rs = s.executeQuery("SELECT bt_index_check('" + index.replace("'", "''") + "', true)")) {
          assertTrue(rs.next());
          assertEquals("", rs.getString(1), "void is shown as an empty value");
        }
      }
      s.execute("VACUUM chk");
      try (ResultSet rs = s.executeQuery(
          "SELECT bt_index_parent_check('chk_pkey', true), bt_index_check('chk_v_n'), count(*) FROM chk")) {
        assertTrue(rs.next());
        assertEquals(5000 - 5000 / 7, rs.getInt(3));
      }
    }
  }

  @Test
  void aTableOrAnUnknownNameIsRefused() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE chk2 (a int PRIMARY KEY)");
      assertEquals("\"chk2\" is not an index",
          SqlErrors.expectError(s, "SELECT bt_index_check('chk2')", "42809").getMessage());
      assertEquals("relation \"nope\" does not exist",
          SqlErrors.expectError(s, "SELECT bt_index_check('nope', false)", "42P01").getMessage());
    }
  }
}
