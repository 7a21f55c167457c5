package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * CREATE INDEX with INCLUDE columns, a WHERE predicate (partial indexes) and expressions, over pgjdbc. Every
 * expected plan, message and catalog value is PostgreSQL 15's on the same statements and data. Rows found through
 * an index equal those of a query the index cannot serve (a column hidden in {@code || ''} or {@code + 0}), and
 * amcheck's bt_index_check(index, true) passes for each kind.
 */
class IndexDefinitionsTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  @Test
  void includeColumnsRideInTheEntriesButNotInUniqueness() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE inc (id int, a int, s text)");
      s.execute("INSERT INTO inc SELECT i, i % 10, 'v' || i FROM generate_series(1, 5000) i");
      s.execute("CREATE UNIQUE INDEX ON inc (id) INCLUDE (a, s)");
      assertEquals(List.of("inc_id_a_s_idx|3|1|1 2 3"), rows(s, "SELECT c.relname, i.indnatts, i.indnkeyatts,"
          + " i.indkey FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'inc%'"));
      ServerErrorMessage e = SqlErrors.expectError(s, "INSERT INTO inc VALUES (5, 99, 'x')", "23505");
      assertEquals("duplicate key value violates unique constraint \"inc_id_a_s_idx\"", e.getMessage());
      assertEquals("Key (id)=(5) already exists.", e.getDetail());
      s.execute("INSERT INTO inc VALUES (6000, 5, 'v5')"); // equal INCLUDE values: no conflict
      s.execute("UPDATE inc SET a = a + 100 WHERE id % 7 = 0");
      s.execute("VACUUM inc");
      assertEquals(List.of(
          "Index Only Scan using inc_id_a_s_idx on inc (actual rows=1 loops=1)",
          "  Index Cond: (id = 14)",
          "  Heap Fetches: 0"),
          rows(s, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id, a, s FROM inc WHERE id = 14"));
      assertEquals(List.of("14|104|v14"), rows(s, "SELECT id, a, s FROM inc WHERE id = 14"));
      assertEquals(List.of("Index Only Scan using inc_id_a_s_idx on inc", "  Index Cond: (id = 5)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id, a FROM inc WHERE id = 5"));
      check(s, "inc_id_a_s_idx");
      assertEquals("including column does not support ASC/DESC options",
          SqlErrors.expectError(s, "CREATE INDEX ON inc (id) INCLUDE (a DESC)", "42P17").getMessage());
      assertEquals("column \"zz\" does not exist",
          SqlErrors.expectError(s, "CREATE INDEX ON inc (id) INCLUDE (zz)", "42703").getMessage());
      s.execute("CREATE INDEX ON inc (a) INCLUDE (a)"); // a key column may be included too
    }
  }

  @Test
  void aPartialUniqueIndexConstrainsOnlyTheRowsOfItsPredicate() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE acct (id int, email text, active boolean)");
      s.execute("INSERT INTO acct SELECT i, 'user' || (i % 100), i <= 100 FROM generate_series(1, 1000) i");
      s.execute("CREATE UNIQUE INDEX acct_email_active ON acct (email) WHERE active");
      s.execute("ANALYZE acct");
      ServerErrorMessage e = SqlErrors.expectError(s, "INSERT INTO acct VALUES (2000, 'user5', true)", "23505");
      assertEquals("duplicate key value violates unique constraint \"acct_email_active\"", e.getMessage());
      assertEquals("Key (email)=(user5) already exists.", e.getDetail());
      s.execute("INSERT INTO acct VALUES (2001, 'user5', false)");
      assertEquals("Key (email)=(user5) already exists.",
          SqlErrors.expectError(s, "UPDATE acct SET active = true WHERE id = 2001", "23505").getDetail());
      assertEquals("Key (email)=(user5) already exists.",
          SqlErrors.expectError(s, "UPDATE acct SET email = 'user5' WHERE id = 6", "23505").getDetail());
      assertEquals(List.of("Index Scan using acct_email_active on acct", "  Index Cond: (email = 'user5'::text)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM acct WHERE email = 'user5' AND active"));
      assertEquals(List.of("Seq Scan on acct", "  Filter: (email = 'user5'::text)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM acct WHERE email = 'user5'"));
      assertEquals(List.of("5"), rows(s, "SELECT id FROM acct WHERE email = 'user5' AND active"));
      assertEquals(rows(s, "SELECT id FROM acct WHERE email || '' = 'user5' AND active ORDER BY id"),
          rows(s, "SELECT id FROM acct WHERE email = 'user5' AND active ORDER BY id"));
      assertEquals(List.of("acct_email_active|active"), rows(s, "SELECT c.relname, i.indpred FROM pg_index i"
          + " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'acct%'"));
      check(s, "acct_email_active");

      s.execute("CREATE TABLE big (n int, v text)");
      s.execute("INSERT INTO big SELECT i, 'v' || i FROM generate_series(1, 20000) i");
      s.execute("CREATE INDEX big_n_part ON big (n) WHERE n > 15000");
      s.execute("ANALYZE big");
      assertEquals(List.of("Index Scan using big_n_part on big", "  Index Cond: (n = 16000)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM big WHERE n = 16000"));
      assertEquals(List.of("Seq Scan on big", "  Filter: (n = 14000)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM big WHERE n = 14000"));
      assertEquals(List.of("Index Scan using big_n_part on big", "  Index Cond: (n > 19990)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM big WHERE n > 19990"));
      assertEquals(rows(s, "SELECT n, v FROM big WHERE n + 0 > 19990 ORDER BY n"),
          rows(s, "SELECT n, v FROM big WHERE n > 19990 ORDER BY n"));
      assertEquals(10, rows(s, "SELECT n FROM big WHERE n > 19990").size());
      s.execute("DELETE FROM big WHERE n % 3 = 0");
      s.execute("UPDATE big SET n = n - 10000 WHERE n % 5 = 0"); // rows leave the predicate
      s.execute("VACUUM big");
      assertEquals(rows(s, "SELECT n, v FROM big WHERE n + 0 > 19000 ORDER BY n"),
          rows(s, "SELECT n, v FROM big WHERE n > 19000 ORDER BY n"));
      check(s, "big_n_part");
    }
  }

  @Test
  void expressionIndexesServeTheSameExpression() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE ppl (id int, name text)");
      s.execute("INSERT INTO ppl SELECT i, 'Person' || i FROM generate_series(1, 3000) i");
      s.execute("CREATE UNIQUE INDEX ON ppl ((lower(name)))");
      s.execute("CREATE INDEX ON ppl ((id + 1))");
      s.execute("ANALYZE ppl");
      ServerErrorMessage e = SqlErrors.expectError(s, "INSERT INTO ppl VALUES (5000, 'PERSON7')", "23505");
      assertEquals("duplicate key value violates unique constraint \"ppl_lower_idx\"", e.getMessage());
      assertEquals("Key (lower(name))=(person7) already exists.", e.getDetail());
      assertEquals(List.of("Index Scan using ppl_lower_idx on ppl", "  Index Cond: (lower(name) = 'person7'::text)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM ppl WHERE lower(name) = 'person7'"));
      assertEquals(List.of("Seq Scan on ppl", "  Filter: (name = 'person7'::text)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM ppl WHERE name = 'person7'"));
      assertEquals(List.of("Index Scan using ppl_expr_idx on ppl", "  Index Cond: ((id + 1) = 8)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM ppl WHERE id + 1 = 8"));
      assertEquals(List.of("Seq Scan on ppl", "  Filter: ((id + 2) = 8)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM ppl WHERE id + 2 = 8"));
      assertEquals(List.of("7"), rows(s, "SELECT id FROM ppl WHERE lower(name) = 'person7'"));
      assertEquals(List.of("7"), rows(s, "SELECT id FROM ppl WHERE id + 1 = 8"));
      try (var ps = c.prepareStatement("SELECT id FROM ppl WHERE lower(name) = ?")) {
        for (int run = 0; run < 7; run++) { // custom plans, then the generic one
          ps.setString(1, "person" + (10 + run));
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(10 + run, rs.getInt(1));
          }
        }
      }
      new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
          .copyIn("COPY ppl FROM STDIN", new java.io.StringReader("4001\tCopied\n4002\tCOPIED2\n"));
      assertEquals("Key (lower(name))=(copied) already exists.", SqlErrors.expectError(s,
          "INSERT INTO ppl VALUES (4003, 'COPIED')", "23505").getDetail());
      assertEquals(List.of("4002"), rows(s, "SELECT id FROM ppl WHERE lower(name) = 'copied2'"));
      assertEquals(List.of("ppl_expr_idx|0", "ppl_lower_idx|0"), rows(s, "SELECT c.relname, i.indkey FROM"
          + " pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'ppl%' ORDER BY 1"));
      s.execute("UPDATE ppl SET name = 'Renamed' || id WHERE id % 4 = 0");
      s.execute("DELETE FROM ppl WHERE id % 9 = 0");
      assertEquals(List.of("8"), rows(s, "SELECT id FROM ppl WHERE lower(name) = 'renamed8'"));
      assertEquals(List.of(), rows(s, "SELECT id FROM ppl WHERE lower(name) = 'person8'"));
      check(s, "ppl_lower_idx");
      check(s, "ppl_expr_idx");
    }
  }

  @Test
  void indexExpressionsAndPredicatesAreCheckedAsPostgreSqlChecksThem() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bad (a int, s text)");
      assertEquals("functions in index expression must be marked IMMUTABLE",
          SqlErrors.expectError(s, "CREATE INDEX ON bad ((random()))", "42P17").getMessage());
      assertEquals("functions in index expression must be marked IMMUTABLE",
          SqlErrors.expectError(s, "CREATE INDEX ON bad ((now()))", "42P17").getMessage());
      assertEquals("functions in index predicate must be marked IMMUTABLE",
          SqlErrors.expectError(s, "CREATE INDEX ON bad (a) WHERE random() > 0.5", "42P17").getMessage());
      assertEquals("aggregate functions are not allowed in index expressions",
          SqlErrors.expectError(s, "CREATE INDEX ON bad ((sum(a)))", "42803").getMessage());
      assertEquals("aggregate functions are not allowed in index predicates",
          SqlErrors.expectError(s, "CREATE INDEX ON bad (a) WHERE sum(a) > 1", "42803").getMessage());
      assertEquals("cannot use subquery in index predicate",
          SqlErrors.expectError(s, "CREATE INDEX ON bad (a) WHERE a > (SELECT 1)", "0A000").getMessage());
      assertEquals("column \"zz\" does not exist",
          SqlErrors.expectError(s, "CREATE INDEX ON bad ((zz + 1))", "42703").getMessage());
      assertEquals("column \"zz\" does not exist",
          SqlErrors.expectError(s, "CREATE INDEX ON bad (zz)", "42703").getMessage());
      assertEquals("column \"zz\" does not exist",
          SqlErrors.expectError(s, "CREATE INDEX ON bad (a) WHERE zz > 1", "42703").getMessage());
      assertEquals("argument of WHERE must be type boolean, not type integer",
          SqlErrors.expectError(s, "CREATE INDEX ON bad (a) WHERE a", "42804").getMessage());
      SqlErrors.expectError(s, "CREATE INDEX ON bad ((SELECT 1))", "42601");
      assertEquals(List.of(), rows(s, "SELECT relname FROM pg_class WHERE relname LIKE 'bad_%'"));
    }
  }

  /**
   * A second inserter of a unique key waits for the first even when their INCLUDE values differ (their entries
   * sort apart, the unique check looks at every entry with the key): 23505 after the first commits, success
   * after it rolls back. Also through a partial unique index.
   */
  @Test
  void concurrentInsertersOfOneKeyWaitWhateverTheirIncludedValues() throws Exception {
    try (Connection setup = server.connect(); Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE conc (id int, a int, active boolean)");
      s.execute("CREATE UNIQUE INDEX conc_id ON conc (id) INCLUDE (a)");
      s.execute("CREATE UNIQUE INDEX conc_a_active ON conc (a) WHERE active");
    }
    for (boolean commit : new boolean[] {true, false}) {
      int id = commit ? 1 : 2;
      try (Connection first = server.connect(); Connection second = server.connect();
          Statement s1 = first.createStatement(); Statement s2 = second.createStatement()) {
        first.setAutoCommit(false);
        s1.execute("INSERT INTO conc VALUES (" + id + ", 900, false)"); // a larger INCLUDE value than the second's
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
          var waiting = pool.submit(() -> {
            try {
              s2.execute("INSERT INTO conc VALUES (" + id + ", 1, false)");
              return "inserted";
            } catch (SQLException e) {
              return e.getSQLState();
            }
          });
          Thread.sleep(300);
          assertTrue(!waiting.isDone(), "the second inserter waits for the first");
          if (commit) first.commit(); else first.rollback();
          assertEquals(commit ? "23505" : "inserted", waiting.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
          pool.shutdownNow();
        }
      }
    }
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("1|900", "2|1"), rows(s, "SELECT id, a FROM conc ORDER BY id"));
      s.execute("INSERT INTO conc VALUES (3, 900, true)");
      s.execute("INSERT INTO conc VALUES (4, 900, false)");
      assertEquals("Key (a)=(900) already exists.",
          SqlErrors.expectError(s, "INSERT INTO conc VALUES (5, 900, true)", "23505").getDetail());
      check(s, "conc_id");
      check(s, "conc_a_active");
    }
  }

  /** bt_index_check with heapallindexed: the structure and one entry, computed again, for each heap tuple. */
  static void check(Statement s, String index) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT bt_index_check('" + index + "', true)")) {
      assertTrue(rs.next());
    }
  }

  static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
        out.add(b.toString());
      }
    }
    return out;
  }
}
