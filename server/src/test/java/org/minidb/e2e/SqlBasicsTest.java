package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.e2e.SqlErrors.expectError;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/** CREATE / INSERT / SELECT / UPDATE / DELETE through pgjdbc over a real socket. */
class SqlBasicsTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<String> column(Statement s, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  @Test
  void createInsertSelectUpdateDelete() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id integer NOT NULL, name text, price numeric(10,2), qty int DEFAULT 1)");
      assertEquals(3, s.executeUpdate("INSERT INTO items VALUES (1, 'apple', 1.5, 10), (2, 'pear', 2.25, 5), (3, 'fig', NULL, 7)"));
      assertEquals(1, s.executeUpdate("INSERT INTO items (id, name) VALUES (4, 'kiwi')"));
      assertEquals(List.of("apple", "pear", "fig", "kiwi"), column(s, "SELECT name FROM items ORDER BY id"));
      assertEquals(List.of("1"), column(s, "SELECT qty FROM items WHERE id = 4"));
      assertEquals(List.of("1.50"), column(s, "SELECT price FROM items WHERE name = 'apple'"));
      assertEquals(2, s.executeUpdate("UPDATE items SET qty = qty + 1 WHERE price IS NOT NULL"));
      assertEquals(List.of("11", "6", "7", "1"), column(s, "SELECT qty FROM items ORDER BY id"));
      assertEquals(1, s.executeUpdate("DELETE FROM items WHERE id = 3"));
      assertEquals(List.of("3"), column(s, "SELECT count(*) FROM items"));
      assertEquals(List.of("kiwi", "pear"), column(s, "SELECT name FROM items WHERE id > 1 ORDER BY name LIMIT 2"));
      assertEquals(List.of("pear"), column(s, "SELECT name FROM items ORDER BY id LIMIT 1 OFFSET 1"));
      s.execute("DROP TABLE items");
      expectError(s, "SELECT * FROM items", "42P01");
    }
  }

  @Test
  void insertSelectReadsTheTableOnceAndUpdateSkipsItsOwnVersions() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE dbl (x int)");
      s.execute("INSERT INTO dbl VALUES (1), (2), (3)");
      assertEquals(3, s.executeUpdate("INSERT INTO dbl SELECT x + 10 FROM dbl"));
      assertEquals(List.of("6"), column(s, "SELECT count(*) FROM dbl"));
      assertEquals(6, s.executeUpdate("UPDATE dbl SET x = x + 100"));
      assertEquals(List.of("6", "642"), List.of(column(s, "SELECT count(*) FROM dbl").get(0),
          column(s, "SELECT sum(x) FROM dbl").get(0)));
      s.execute("DROP TABLE dbl");
    }
  }

  @Test
  void aggregatesGroupByAndJoins() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE dept (id int, name varchar(20))");
      s.execute("CREATE TABLE emp (id int, dept int, salary int)");
      s.execute("INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')");
      s.execute("INSERT INTO emp VALUES (1, 1, 100), (2, 1, 200), (3, 2, 50), (4, NULL, 10)");
      try (ResultSet rs = s.executeQuery("SELECT d.name, count(*), sum(e.salary), avg(e.salary), min(e.salary), "
          + "max(e.salary) FROM emp e JOIN dept d ON e.dept = d.id GROUP BY d.name ORDER BY d.name")) {
        assertTrue(rs.next());
        assertEquals("eng", rs.getString(1));
        assertEquals(2, rs.getLong(2));
        assertEquals(300, rs.getLong(3));
        assertEquals("150.0000000000000000", rs.getString(4));
        assertEquals(100, rs.getInt(5));
        assertEquals(200, rs.getInt(6));
        assertTrue(rs.next());
        assertEquals("ops", rs.getString(1));
        assertFalse(rs.next());
      }
      // emp 4 has no dept, so OR IS NULL pairs it with all three depts: 3 + 3 rows.
      assertEquals(List.of("6"), column(s, "SELECT count(*) FROM emp, dept WHERE emp.dept = dept.id OR emp.dept IS NULL"));
      assertEquals(List.of("0"), column(s, "SELECT count(*) FROM emp WHERE salary > 1000"));
      assertEquals(java.util.Collections.singletonList(null), column(s, "SELECT sum(salary) FROM emp WHERE salary > 1000"));
      s.execute("DROP TABLE dept, emp");
    }
  }

  @Test
  void typesRoundTripInTextFormat() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE types (a smallint, b integer, c bigint, d real, e double precision, f numeric(6,3), "
          + "g boolean, h text, i varchar(5), j char(3), k bytea, l date, m timestamp, n timestamptz)");
      s.execute("INSERT INTO types VALUES (-32768, 2147483647, -9223372036854775808, 1.5, 0.1, 123.4567, true, "
          + "'it''s', 'abc', 'x', '\\x00ff', '2024-02-29', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56+02')");
      try (ResultSet rs = s.executeQuery("SELECT * FROM types")) {
        assertTrue(rs.next());
        assertEquals(-32768, rs.getShort(1));
        assertEquals(Integer.MAX_VALUE, rs.getInt(2));
        assertEquals(Long.MIN_VALUE, rs.getLong(3));
        assertEquals(1.5f, rs.getFloat(4));
        assertEquals("0.1", rs.getString(5));
        assertEquals(new BigDecimal("123.457"), rs.getBigDecimal(6));
        assertTrue(rs.getBoolean(7));
        assertEquals("it's", rs.getString(8));
        assertEquals("abc", rs.getString(9));
        assertEquals("x  ", rs.getString(10));
        assertArrayEquals(new byte[] {0, (byte) 255}, rs.getBytes(11));
        assertEquals("2024-02-29", rs.getString(12));
        assertEquals("2024-02-29 12:34:56.789", rs.getString(13));
        assertEquals("2024-02-29 10:34:56+00", rs.getString(14));
        ResultSetMetaData md = rs.getMetaData();
        assertEquals("int2", md.getColumnTypeName(1));
        assertEquals("numeric", md.getColumnTypeName(6));
        assertEquals(6, md.getPrecision(6));
        assertEquals(3, md.getScale(6));
        assertEquals("varchar", md.getColumnTypeName(9));
        assertEquals(5, md.getPrecision(9));
        assertEquals("bpchar", md.getColumnTypeName(10));
        assertEquals("timestamptz", md.getColumnTypeName(14));
        assertEquals("types", md.getTableName(1).isEmpty() ? "types" : md.getTableName(1));
      }
      s.execute("DROP TABLE types");
    }
  }

  @Test
  void lexicalRules() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"MixedCase\" (\"Col\" int, plain INT)");
      s.execute("INSERT INTO \"MixedCase\" VALUES (1, 2) -- a comment");
      assertEquals(List.of("3"), column(s, "SELECT \"Col\" + PLAIN /* block */ FROM \"MixedCase\""));
      expectError(s, "SELECT * FROM mixedcase", "42P01");
      assertEquals(List.of("a\nb"), column(s, "SELECT E'a\\nb'"));
      assertEquals(List.of("42"), column(s, "SELECT '42'::int"));
      assertEquals(List.of("7"), column(s, "SELECT CAST('7' AS bigint)"));
      assertEquals(List.of("-2"), column(s, "SELECT -1::int - 1"));
      s.execute("DROP TABLE \"MixedCase\"");
    }
  }

  @Test
  void errorsCarryPostgresSqlStates() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE errs (a int NOT NULL, b varchar(3), c int CHECK (c > 0))");
      ServerErrorMessage syntax = expectError(s, "SELEC 1", "42601");
      assertNotNull(syntax);
      assertEquals(1, syntax.getPosition());
      assertEquals("syntax error at or near \"SELEC\"", syntax.getMessage());
      expectError(s, "SELECT * FROM nope", "42P01");
      expectError(s, "SELECT nope FROM errs", "42703");
      expectError(s, "CREATE TABLE errs (x int)", "42P07");
      expectError(s, "SELECT 'a'::text + 1", "42883");
      expectError(s, "SELECT 'a' + 1", "22P02");
      ServerErrorMessage where = expectError(s, "SELECT * FROM errs WHERE a", "42804");
      assertEquals("argument of WHERE must be type boolean, not type integer", where.getMessage());
      expectError(s, "INSERT INTO errs (a) VALUES (true)", "42804");
      expectError(s, "SELECT 1 / 0", "22012");
      expectError(s, "SELECT 2147483647 + 1", "22003");
      expectError(s, "SELECT 'abc'::int", "22P02");
      ServerErrorMessage notNull = expectError(s, "INSERT INTO errs (b) VALUES ('x')", "23502");
      assertEquals("null value in column \"a\" of relation \"errs\" violates not-null constraint", notNull.getMessage());
      expectError(s, "INSERT INTO errs VALUES (1, 'toolong')", "22001");
      ServerErrorMessage check = expectError(s, "INSERT INTO errs VALUES (1, 'x', -1)", "23514");
      assertEquals("new row for relation \"errs\" violates check constraint \"errs_c_check\"", check.getMessage());
      expectError(s, "UPDATE errs SET a = 'x'", "22P02");
      expectError(s, "CREATE TABLE fk (id int REFERENCES errs)", "0A000");
      assertEquals(List.of("0"), column(s, "SELECT count(*) FROM errs"));
      s.execute("DROP TABLE errs");
    }
  }

  @Test
  void explainShowsThePlan() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE ex (a int, b text)");
      List<String> plan = column(s, "EXPLAIN SELECT b FROM ex WHERE a = 1");
      assertEquals("Seq Scan on ex  (cost=0.00..25.88 rows=6 width=32)", plan.get(0).strip()); // PostgreSQL 15's
      assertEquals("Filter: (a = 1)", plan.get(1).strip());
      s.execute("DROP TABLE ex");
    }
  }

  @Test
  void dropIfExistsGivesANotice() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS never_there");
      SQLWarning w = s.getWarnings();
      assertNotNull(w);
      assertEquals("table \"never_there\" does not exist, skipping", w.getMessage());
    }
  }

  @Test
  void setShowResetAndVersion() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertTrue(column(s, "SELECT version()").get(0).startsWith("PostgreSQL 15"));
      assertEquals(List.of("postgres|postgres|postgres"),
          column(s, "SELECT current_user || '|' || session_user || '|' || current_database()"));
      s.execute("SET work_mem = '64MB'");
      assertEquals(List.of("64MB"), column(s, "SHOW work_mem"));
      s.execute("RESET work_mem");
      assertEquals(List.of("4MB"), column(s, "SHOW work_mem"));
      s.execute("SET application_name TO 'e2e'");
      assertEquals("e2e", c.getClientInfo("ApplicationName"));
      assertEquals(List.of("read committed"), column(s, "SHOW TRANSACTION ISOLATION LEVEL"));
      s.execute("SET TimeZone = 'Asia/Kolkata'");
      assertEquals(List.of("2024-01-01 05:30:00+05:30"), column(s, "SELECT '2024-01-01 00:00:00+00'::timestamptz"));
      s.execute("BEGIN; SET TimeZone = 'UTC'; ROLLBACK");
      assertEquals(List.of("2024-01-01 05:30:00+05:30"), column(s, "SELECT '2024-01-01 00:00:00+00'::timestamptz"));
      s.execute("RESET TimeZone");
      expectError(s, "SET no_such_setting = 1", "42704");
      expectError(s, "SET shared_buffers = '1GB'", "55P02");
      assertEquals(List.of("on"), column(s, "SHOW synchronous_commit"));
      expectError(s, "SET synchronous_commit = bogus", "22023");
    }
  }

  @Test
  void startupParametersSetSessionSettings() throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("options", "-c work_mem=16MB -c search_path=public");
    p.setProperty("ApplicationName", "from-startup");
    try (Connection c = server.connect(p); Statement s = c.createStatement()) {
      assertEquals(List.of("16MB"), column(s, "SHOW work_mem"));
      assertEquals(List.of("from-startup"), column(s, "SHOW application_name"));
      assertEquals("from-startup", c.getClientInfo("ApplicationName"));
    }
    p.setProperty("options", "-c no_such_setting=1");
    java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
        () -> server.connect(p).close());
    assertEquals("42704", e.getSQLState());
  }

  @Test
  void emptyQueryAndMultiStatementMessage() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertFalse(s.execute(";"));
      s.execute("CREATE TABLE multi (x int); INSERT INTO multi VALUES (1); INSERT INTO multi VALUES (2)");
      // An error anywhere in a message leaves nothing of it behind (one implicit transaction).
      expectError(s, "INSERT INTO multi VALUES (3); INSERT INTO multi VALUES (1/0)", "22012");
      assertEquals(List.of("2"), column(s, "SELECT count(*) FROM multi"));
      s.execute("DROP TABLE multi");
    }
  }
}
