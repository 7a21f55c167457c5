package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * ALTER TABLE ... ADD PRIMARY KEY / UNIQUE and DROP CONSTRAINT over pgjdbc: index built over existing rows,
 * PostgreSQL's names, errors and notices (every expected text taken from PostgreSQL 15 running the same
 * statements), NOT NULL of primary key columns, transactional behaviour and the ACCESS EXCLUSIVE lock.
 */
class AlterTableTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<String> rows(Statement s, String sql) throws SQLException { return QueryRows.of(s, sql); }

  private static void expect(Statement s, String sql, String state, String message, String detail) {
    ServerErrorMessage e = SqlErrors.expectError(s, sql, state);
    assertEquals(message, e.getMessage(), sql);
    assertEquals(detail, e.getDetail(), sql);
  }

  private static List<String> constraints(Statement s, String table) throws SQLException {
    return rows(s, "SELECT c.conname, c.contype FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid"
        + " WHERE r.relname = '" + table + "' ORDER BY c.oid");
  }

  private static List<String> notNull(Statement s, String table) throws SQLException {
    return rows(s, "SELECT attname, attnotnull FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid"
        + " WHERE r.relname = '" + table + "' AND attnum > 0 ORDER BY attnum");
  }

  @Test
  void addKeysOverExistingRowsThenDropThem() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (a int, b int, c text)");
      s.execute("INSERT INTO t VALUES (1, 1, 'x'), (1, 2, NULL), (NULL, 3, 'y')");
      expect(s, "ALTER TABLE t ADD PRIMARY KEY (a)", "23505", "could not create unique index \"t_pkey\"",
          "Key (a)=(1) is duplicated.");
      expect(s, "ALTER TABLE t ADD UNIQUE (a)", "23505", "could not create unique index \"t_a_key\"",
          "Key (a)=(1) is duplicated.");
      s.execute("ALTER TABLE t ADD CONSTRAINT foo UNIQUE (a, b), ADD PRIMARY KEY (b)");
      assertEquals(List.of("foo|u", "t_pkey|p"), constraints(s, "t"));
      assertEquals(List.of("a|f", "b|t", "c|f"), notNull(s, "t"));
      assertEquals(List.of("1 2|f", "2|t"), rows(s, "SELECT indkey, indisprimary FROM pg_index i"
          + " JOIN pg_class r ON r.oid = i.indrelid WHERE r.relname = 't' ORDER BY i.indexrelid"));
      expect(s, "ALTER TABLE t ADD PRIMARY KEY (c)", "42P16", "multiple primary keys for table \"t\" are not allowed",
          null);
      expect(s, "INSERT INTO t VALUES (5, 3, 'z')", "23505", "duplicate key value violates unique constraint \"t_pkey\"",
          "Key (b)=(3) already exists.");
      expect(s, "INSERT INTO t VALUES (5, NULL, 'z')", "23502",
          "null value in column \"b\" of relation \"t\" violates not-null constraint", "Failing row contains (5, null, z).");
      expect(s, "INSERT INTO t VALUES (1, 1, 'dup')", "23505", "duplicate key value violates unique constraint \"foo\"",
          "Key (a, b)=(1, 1) already exists.");
      assertEquals(List.of("y"), rows(s, "SELECT c FROM t WHERE b = 3"));
      expect(s, "DROP INDEX foo", "2BP01", "cannot drop index foo because constraint foo on table t requires it", null);
      expect(s, "ALTER TABLE t DROP CONSTRAINT t_b_key", "42704", "constraint \"t_b_key\" of relation \"t\" does not exist",
          null);
      s.execute("ALTER TABLE t DROP CONSTRAINT IF EXISTS nope");
      SQLWarning w = s.getWarnings();
      assertEquals("constraint \"nope\" of relation \"t\" does not exist, skipping", w.getMessage());
      s.execute("ALTER TABLE t DROP CONSTRAINT foo, DROP CONSTRAINT t_pkey");
      assertEquals(List.of(), constraints(s, "t"));
      assertEquals(List.of(), rows(s, "SELECT relname FROM pg_class WHERE relname IN ('foo', 't_pkey')"));
      assertEquals(List.of("a|f", "b|t", "c|f"), notNull(s, "t")); // PostgreSQL 15 keeps NOT NULL
      s.execute("INSERT INTO t VALUES (5, 3, 'z')");
      assertEquals(List.of("y", "z"), rows(s, "SELECT c FROM t WHERE b = 3 ORDER BY c"));
    }
  }

  @Test
  void primaryKeyRefusesNullsAfterTheUniqueCheck() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE u (a int, b int)");
      s.execute("INSERT INTO u VALUES (1, 1), (NULL, 2), (2, NULL)");
      expect(s, "ALTER TABLE u ADD PRIMARY KEY (a)", "23502", "column \"a\" of relation \"u\" contains null values", null);
      expect(s, "ALTER TABLE u ADD PRIMARY KEY (a, b)", "23502", "column \"a\" of relation \"u\" contains null values",
          null);
      s.execute("CREATE TABLE v (a int, b int)");
      s.execute("INSERT INTO v VALUES (1, 1), (1, NULL), (NULL, NULL)");
      expect(s, "ALTER TABLE v ADD PRIMARY KEY (a)", "23505", "could not create unique index \"v_pkey\"",
          "Key (a)=(1) is duplicated.");
      s.execute("ALTER TABLE v ADD UNIQUE (a, b)"); // NULLs never collide
      s.execute("CREATE TABLE w (a int, b int)");
      s.execute("INSERT INTO w VALUES (1, NULL)");
      expect(s, "ALTER TABLE w ADD UNIQUE (a), ADD PRIMARY KEY (b)", "23502",
          "column \"b\" of relation \"w\" contains null values", null);
      assertEquals(List.of(), rows(s, "SELECT relname FROM pg_class WHERE relname LIKE 'w\\_%'"));
      assertEquals(List.of("a|f", "b|f"), notNull(s, "w"));
    }
  }

  @Test
  void namesAndWrongTargets() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE x (a int)");
      s.execute("ALTER TABLE ONLY x ADD UNIQUE (a), ADD UNIQUE (a)");
      assertEquals(List.of("x_a_key", "x_a_key1"),
          rows(s, "SELECT relname FROM pg_class WHERE relname LIKE 'x\\_%' ORDER BY oid"));
      s.execute("ALTER TABLE x ADD CONSTRAINT x_pos UNIQUE (a)");
      expect(s, "ALTER TABLE x ADD CONSTRAINT x_pos UNIQUE (a)", "42P07", "relation \"x_pos\" already exists", null);
      expect(s, "ALTER TABLE x ADD UNIQUE (zz)", "42703", "column \"zz\" named in key does not exist", null);
      s.execute("ALTER TABLE IF EXISTS nosuch ADD PRIMARY KEY (a)");
      assertEquals("relation \"nosuch\" does not exist, skipping", s.getWarnings().getMessage());
      expect(s, "ALTER TABLE nosuch ADD PRIMARY KEY (a)", "42P01", "relation \"nosuch\" does not exist", null);
      s.execute("CREATE VIEW xv AS SELECT 1 AS a");
      expect(s, "ALTER TABLE xv ADD PRIMARY KEY (a)", "42809",
          "ALTER action ADD CONSTRAINT cannot be performed on relation \"xv\"", "This operation is not supported for views.");
      expect(s, "ALTER TABLE x_pos ADD PRIMARY KEY (a)", "42809",
          "ALTER action ADD CONSTRAINT cannot be performed on relation \"x_pos\"",
          "This operation is not supported for indexes.");
      expect(s, "ALTER TABLE pg_class ADD PRIMARY KEY (oid)", "42501", "permission denied: \"pg_class\" is a system catalog",
          null);
      s.execute("CREATE TABLE y (a int CONSTRAINT y_a_check CHECK (a > 0))");
      expect(s, "ALTER TABLE y ADD CONSTRAINT y_a_check UNIQUE (a)", "42710",
          "constraint \"y_a_check\" for relation \"y\" already exists", null);
      s.execute("ALTER TABLE y DROP CONSTRAINT y_a_check");
      s.execute("INSERT INTO y VALUES (-1)");
    }
  }

  @Test
  void transactionalAndExclusivelyLocked() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement();
         Connection other = server.connect(); Statement o = other.createStatement()) {
      s.execute("CREATE TABLE z (a int, b text)");
      s.execute("INSERT INTO z VALUES (1, 'one'), (2, 'two')");
      c.setAutoCommit(false);
      s.execute("ALTER TABLE z ADD PRIMARY KEY (a)");
      assertEquals(List.of("two"), rows(s, "SELECT b FROM z WHERE a = 2"));
      o.execute("SET statement_timeout = 300");
      expect(o, "SELECT * FROM z", "57014", "canceling statement due to statement timeout", null);
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(List.of(), constraints(o, "z"));
      assertEquals(List.of("a|f", "b|f"), notNull(o, "z"));
      o.execute("INSERT INTO z VALUES (1, 'again')");
      assertEquals(List.of("one", "again"), rows(o, "SELECT b FROM z WHERE a = 1 ORDER BY b DESC"));
    }
  }
}
