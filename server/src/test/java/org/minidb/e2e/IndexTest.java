package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * B-tree indexes over pgjdbc: PRIMARY KEY / UNIQUE / CREATE INDEX / DROP INDEX, their catalog rows, unique
 * violations (also under concurrency), and survival across a restart. Every expected answer, message, DETAIL and
 * HINT was taken from PostgreSQL 15 running the same statements.
 */
class IndexTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<String> rows(Statement s, String sql) throws SQLException { return QueryRows.of(s, sql); }

  private static void expect(Statement s, String sql, String state, String message, String detail, String hint) {
    ServerErrorMessage e = SqlErrors.expectError(s, sql, state);
    assertEquals(message, e.getMessage(), sql);
    assertEquals(detail, e.getDetail(), sql);
    assertEquals(hint, e.getHint(), sql);
  }

  @Test
  void constraintsMakeIndexesWithPostgresNamesAndCatalogRows() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t1 (id int PRIMARY KEY, a int UNIQUE, b text, UNIQUE (a, b))");
      assertEquals(List.of("t1|r|2|3|t", "t1_pkey|i|403|1|f", "t1_a_key|i|403|1|f", "t1_a_b_key|i|403|2|f"),
          rows(s, "SELECT relname, relkind, relam, relnatts, relhasindex FROM pg_class WHERE relname LIKE 't1%'"
              + " ORDER BY oid"));
      assertEquals(List.of("t1_pkey|p", "t1_a_key|u", "t1_a_b_key|u"), rows(s,
          "SELECT conname, contype FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid"
              + " WHERE r.relname = 't1' ORDER BY c.oid"));
      assertEquals(List.of("1|0|t|t", "2|0|t|f", "2 3|0 0|t|f"), rows(s,
          "SELECT indkey, indoption, indisunique, indisprimary FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid"
              + " WHERE r.relname = 't1' ORDER BY i.indexrelid"));
      assertEquals(List.of("id|t", "a|f", "b|f"), rows(s, "SELECT attname, attnotnull FROM pg_attribute a"
          + " JOIN pg_class r ON r.oid = a.attrelid WHERE r.relname = 't1' AND attnum > 0 ORDER BY attnum"));
      expect(s, "CREATE TABLE u1 (a int UNIQUE, a2 int, CONSTRAINT u1_a_key UNIQUE (a2))", "42P07",
          "relation \"u1_a_key\" already exists", null, null);
      s.execute("CREATE TABLE u2 (a int UNIQUE, a2 int, CONSTRAINT u2_a_key CHECK (a2 > 0))");
      s.execute("CREATE TABLE u3 (a int, b int, PRIMARY KEY (a), UNIQUE (a, b), UNIQUE (b))");
      assertEquals(List.of("u2_a_key1", "u3_pkey", "u3_a_b_key", "u3_b_key"),
          rows(s, "SELECT relname FROM pg_class WHERE relname LIKE 'u%' AND relkind = 'i' ORDER BY oid"));
      expect(s, "CREATE TABLE w1 (a int, b int, PRIMARY KEY (a, b), PRIMARY KEY (b))", "42P16",
          "multiple primary keys for table \"w1\" are not allowed", null, null);
      expect(s, "CREATE TABLE w2 (a int, UNIQUE (c))", "42703", "column \"c\" named in key does not exist", null, null);
    }
  }

  @Test
  void uniqueViolationsHavePostgresMessages() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t2 (id int PRIMARY KEY, a int UNIQUE, b text)");
      s.execute("INSERT INTO t2 VALUES (1, 1, 'x')");
      expect(s, "INSERT INTO t2 VALUES (1, 2, 'x')", "23505",
          "duplicate key value violates unique constraint \"t2_pkey\"", "Key (id)=(1) already exists.", null);
      expect(s, "INSERT INTO t2 VALUES (2, 1, 'x')", "23505",
          "duplicate key value violates unique constraint \"t2_a_key\"", "Key (a)=(1) already exists.", null);
      expect(s, "INSERT INTO t2 VALUES (NULL, 3, 'x')", "23502",
          "null value in column \"id\" of relation \"t2\" violates not-null constraint",
          "Failing row contains (null, 3, x).", null);
      s.execute("INSERT INTO t2 VALUES (3, NULL, 'x'), (4, NULL, 'x')"); // NULLs never conflict
      expect(s, "UPDATE t2 SET id = 1 WHERE id = 3", "23505",
          "duplicate key value violates unique constraint \"t2_pkey\"", "Key (id)=(1) already exists.", null);
      expect(s, "INSERT INTO t2 VALUES (5, 5, 'y'), (5, 6, 'y')", "23505",
          "duplicate key value violates unique constraint \"t2_pkey\"", "Key (id)=(5) already exists.", null);
      s.execute("UPDATE t2 SET b = 'z' WHERE id = 1"); // a new version of the same key is no conflict
      s.execute("DELETE FROM t2 WHERE id = 4");
      s.execute("INSERT INTO t2 VALUES (4, 4, 'again')"); // the deleted row's key is free
      s.execute("CREATE TABLE m2 (a text, b int, UNIQUE (b, a))");
      s.execute("INSERT INTO m2 VALUES ('x', 1)");
      expect(s, "INSERT INTO m2 VALUES ('x', 1)", "23505",
          "duplicate key value violates unique constraint \"m2_b_a_key\"", "Key (b, a)=(1, x) already exists.", null);
      assertEquals(List.of("1|1|z", "3|null|x", "4|4|again"), rows(s, "SELECT * FROM t2 ORDER BY id"));
    }
  }

  @Test
  void createAndDropIndex() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t3 (id int PRIMARY KEY, a int, b text)");
      s.execute("INSERT INTO t3 VALUES (1, 1, 'x'), (2, NULL, 'x'), (3, NULL, 'y')");
      s.execute("CREATE INDEX ON t3 (a, b)");
      s.execute("CREATE INDEX ON t3 (a, b)");
      expect(s, "CREATE UNIQUE INDEX ON t3 (b)", "23505", "could not create unique index \"t3_b_idx\"",
          "Key (b)=(x) is duplicated.", null);
      s.execute("CREATE UNIQUE INDEX ON t3 (a DESC NULLS LAST)"); // NULLs are not duplicates
      s.execute("CREATE INDEX t3_b ON t3 USING btree (b DESC)");
      assertEquals(List.of("t3_pkey|1|0", "t3_a_b_idx|2 3|0 0", "t3_a_b_idx1|2 3|0 0", "t3_a_idx|2|1", "t3_b|3|3"),
          rows(s, "SELECT c.relname, indkey, indoption FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
              + " JOIN pg_class r ON r.oid = i.indrelid WHERE r.relname = 't3' ORDER BY i.indexrelid"));
      expect(s, "INSERT INTO t3 VALUES (4, 1, 'z')", "23505",
          "duplicate key value violates unique constraint \"t3_a_idx\"", "Key (a)=(1) already exists.", null);
      expect(s, "CREATE INDEX t3_a_b_idx ON t3 (a)", "42P07", "relation \"t3_a_b_idx\" already exists", null, null);
      s.execute("CREATE INDEX IF NOT EXISTS t3_a_b_idx ON t3 (a)");
      expect(s, "CREATE INDEX x ON t3 USING foo (a)", "42704", "access method \"foo\" does not exist", null, null);
      expect(s, "DROP INDEX t3_pkey", "2BP01",
          "cannot drop index t3_pkey because constraint t3_pkey on table t3 requires it", null,
          "You can drop constraint t3_pkey on table t3 instead.");
      expect(s, "DROP INDEX t3", "42809", "\"t3\" is not an index", null, "Use DROP TABLE to remove a table.");
      expect(s, "DROP INDEX nosuch", "42704", "index \"nosuch\" does not exist", null, null);
      s.execute("DROP INDEX IF EXISTS nosuch");
      s.execute("DROP INDEX t3_a_idx, t3_b");
      s.execute("INSERT INTO t3 VALUES (4, 1, 'z')");
      s.execute("DROP TABLE t3");
      assertEquals(List.of(), rows(s, "SELECT relname FROM pg_class WHERE relname LIKE 't3%'"));
    }
  }

  @Test
  void abortedDdlLeavesNothing() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("CREATE TABLE t4 (id int PRIMARY KEY)");
      s.execute("INSERT INTO t4 VALUES (1)");
      c.rollback();
      s.execute("CREATE TABLE t4 (id int PRIMARY KEY)");
      s.execute("CREATE INDEX t4_i ON t4 (id)");
      c.commit();
      s.execute("DROP INDEX t4_i");
      c.rollback();
      s.execute("INSERT INTO t4 VALUES (1)");
      c.commit();
      assertEquals(List.of("t4_pkey", "t4_i"), rows(s, "SELECT relname FROM pg_class WHERE relname LIKE 't4_%' ORDER BY oid"));
    }
  }

  /** A second inserter of a key waits for the first; it fails if the first commits, succeeds if it rolls back. */
  @Test
  void concurrentInsertersOfOneKey() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect(); Statement sa = a.createStatement();
         Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE t5 (id int PRIMARY KEY, who text)");
      for (boolean commitFirst : new boolean[] {true, false}) {
        int key = commitFirst ? 1 : 2;
        a.setAutoCommit(false);
        sa.execute("INSERT INTO t5 VALUES (" + key + ", 'a')");
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
          try {
            sb.execute("INSERT INTO t5 VALUES (" + key + ", 'b')");
            return "inserted";
          } catch (PSQLException e) {
            return e.getSQLState() + " " + e.getServerErrorMessage().getMessage() + " "
                + e.getServerErrorMessage().getDetail();
          } catch (SQLException e) {
            return e.toString();
          }
        });
        Thread.sleep(300); // let the second reach its wait (the outcome is the same if it has not)
        assertTrue(!second.isDone(), "the second inserter waits for the first");
        if (commitFirst) a.commit(); else a.rollback();
        a.setAutoCommit(true);
        String outcome = second.get(20, TimeUnit.SECONDS);
        assertEquals(commitFirst ? "23505 duplicate key value violates unique constraint \"t5_pkey\" Key (id)=(1)"
            + " already exists." : "inserted", outcome);
      }
      assertEquals(List.of("1|a", "2|b"), rows(sa, "SELECT * FROM t5 ORDER BY id"));
    }
  }

  @Test
  void copyMaintainsIndexes() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t7 (id int PRIMARY KEY, a text)");
      var copy = new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class));
      StringBuilder data = new StringBuilder();
      for (int i = 1; i <= 2500; i++) data.append(i).append('\t').append("r").append(i).append('\n');
      assertEquals(2500, copy.copyIn("COPY t7 FROM STDIN", new java.io.StringReader(data.toString())));
      assertEquals(List.of("1234|r1234"), rows(s, "SELECT * FROM t7 WHERE id = 1234"));
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> copy.copyIn("COPY t7 FROM STDIN", new java.io.StringReader("3000\tx\n7\tdup\n")));
      assertEquals("23505", e.getSQLState());
      assertEquals(List.of("2500"), rows(s, "SELECT count(*) FROM t7"));
    }
  }

  @Test
  void indexesSurviveRestart() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t6 (id int PRIMARY KEY, a int)");
      s.execute("INSERT INTO t6 SELECT g, g FROM generate_series(1, 2000) g");
      s.execute("CREATE UNIQUE INDEX t6_a ON t6 (a)");
    }
    server.stop();
    server.startAgain();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      expect(s, "INSERT INTO t6 VALUES (1500, 0)", "23505",
          "duplicate key value violates unique constraint \"t6_pkey\"", "Key (id)=(1500) already exists.", null);
      expect(s, "INSERT INTO t6 VALUES (0, 1999)", "23505",
          "duplicate key value violates unique constraint \"t6_a\"", "Key (a)=(1999) already exists.", null);
      s.execute("INSERT INTO t6 VALUES (2001, 2001)");
      assertEquals(List.of("2001"), rows(s, "SELECT count(*) FROM t6"));
    }
  }
}
