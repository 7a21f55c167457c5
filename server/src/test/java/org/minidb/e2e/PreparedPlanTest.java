package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * Prepared statements under each plan_cache_mode: named statements (pgjdbc prepareThreshold=1) executed past the
 * five custom plans give the same answers with custom plans (values inlined) and the generic plan, for values that
 * need care as constants (quotes, NULL, numeric scale, timestamps); simple-protocol statements with literals (which
 * are auto-parameterised for the plan cache) give PostgreSQL's answers and errors.
 */
class PreparedPlanTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE acc (aid int PRIMARY KEY, abalance int, note text, amount numeric(10,2), ts timestamp)");
      s.execute("INSERT INTO acc VALUES (1, 10, 'it''s', 1.50, '2024-02-29 12:34:56.789'), (2, 20, NULL, NULL, NULL),"
          + " (3, -30, '$1 -- x', 0.00, '1999-12-31 23:59:59')");
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static Connection named() throws Exception {
    Properties p = new Properties();
    p.setProperty("prepareThreshold", "1");
    return server.connect(p);
  }

  private static List<String> lookups(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT aid, abalance, note, amount, ts FROM acc WHERE aid = ? OR note = ? OR amount = ? OR ts = ? ORDER BY aid")) {
      Object[][] args = {
          {1, null, null, null}, {0, "it's", null, null}, {0, "$1 -- x", null, null},
          {0, null, new BigDecimal("1.5"), null}, {0, null, null, Timestamp.valueOf("1999-12-31 23:59:59")},
          {2, null, null, null}, {3, "nope", new BigDecimal("0"), null}, {0, null, null, null}};
      for (Object[] a : args) {
        ps.setInt(1, (Integer) a[0]);
        ps.setString(2, (String) a[1]);
        ps.setBigDecimal(3, (BigDecimal) a[2]);
        ps.setTimestamp(4, (Timestamp) a[3]);
        StringBuilder b = new StringBuilder();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            b.append(rs.getInt(1)).append('|').append(rs.getInt(2)).append('|').append(rs.getString(3)).append('|')
                .append(rs.getString(4)).append('|').append(rs.getString(5)).append(';');
          }
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void sameAnswersWithCustomAndGenericPlans() throws Exception {
    List<String> expected = List.of("1|10|it's|1.50|2024-02-29 12:34:56.789;", "1|10|it's|1.50|2024-02-29 12:34:56.789;",
        "3|-30|$1 -- x|0.00|1999-12-31 23:59:59;", "1|10|it's|1.50|2024-02-29 12:34:56.789;",
        "3|-30|$1 -- x|0.00|1999-12-31 23:59:59;", "2|20|null|null|null;", "3|-30|$1 -- x|0.00|1999-12-31 23:59:59;", "");
    for (String mode : List.of("auto", "force_custom_plan", "force_generic_plan")) {
      try (Connection c = named(); Statement s = c.createStatement()) {
        s.execute("SET plan_cache_mode = " + mode);
        assertEquals(expected, lookups(c), mode);
        try (ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
          rs.next();
          assertEquals(mode, rs.getString(1));
        }
      }
    }
  }

  @Test
  void updatesThroughPreparedStatementsInEveryMode() throws Exception {
    for (String mode : List.of("force_custom_plan", "auto", "force_generic_plan")) {
      try (Connection c = named(); Statement s = c.createStatement();
           PreparedStatement up = c.prepareStatement("UPDATE acc SET abalance = abalance + ? WHERE aid = ?")) {
        s.execute("SET plan_cache_mode = " + mode);
        for (int i = 0; i < 8; i++) {
          up.setInt(1, i % 2 == 0 ? 5 : -5);
          up.setInt(2, 2);
          assertEquals(1, up.executeUpdate());
        }
        try (ResultSet rs = s.executeQuery("SELECT abalance FROM acc WHERE aid = 2")) {
          rs.next();
          assertEquals(20, rs.getInt(1), mode);
        }
      }
    }
  }

  @Test
  void badModeIsRefusedAsPostgresRefusesIt() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      ServerErrorMessage e = SqlErrors.expectError(s, "SET plan_cache_mode = bogus", "22023");
      assertEquals("invalid value for parameter \"plan_cache_mode\": \"bogus\"", e.getMessage());
      assertEquals("Available values: auto, force_generic_plan, force_custom_plan.", e.getHint());
    }
  }

  @Test
  void simpleProtocolLiteralsKeepPostgresAnswersAndErrors() throws Exception {
    Properties p = new Properties();
    p.setProperty("preferQueryMode", "simple");
    try (Connection c = server.connect(p); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE lit (id int PRIMARY KEY, v int, s smallint, t text)");
      for (int i = 1; i <= 3; i++) s.execute("INSERT INTO lit VALUES (" + i + ", " + (i * 10) + ", -" + i + ", 'x" + i + "')");
      for (int i = 1; i <= 3; i++) s.execute("UPDATE lit SET v = v + -" + i + " WHERE id = " + i);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT id, v, s, t, v = 18 AS eq FROM lit WHERE id >= 1 ORDER BY 1")) {
        while (rs.next()) rows.add(rs.getInt(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|"
            + rs.getString(5));
      }
      assertEquals(List.of("1|9|-1|x1|f", "2|18|-2|x2|t", "3|27|-3|x3|f"), rows);
      try (ResultSet rs = s.executeQuery("SELECT 1 + 2, v + 1 FROM lit WHERE id = 2")) {
        rs.next();
        assertEquals("?column?", rs.getMetaData().getColumnName(1));
        assertEquals("?column?", rs.getMetaData().getColumnName(2));
        assertEquals(3, rs.getInt(1));
        assertEquals(19, rs.getInt(2));
      }
      ServerErrorMessage e = SqlErrors.expectError(s, "SELECT * FROM lit WHERE t = 5 AND id = 1", "42883");
      assertEquals("operator does not exist: text = integer", e.getMessage());
      assertEquals(27, e.getPosition()); // PostgreSQL 15: the position in the text as written
      e = SqlErrors.expectError(s, "INSERT INTO lit VALUES (1, 2, 3, 'dup')", "23505");
      assertEquals("Key (id)=(1) already exists.", e.getDetail());
      e = SqlErrors.expectError(s, "INSERT INTO lit VALUES (9, 2, 40000, 'big')", "22003");
      assertEquals("smallint out of range", e.getMessage());
      assertNull(s.getWarnings());
    }
  }
}
