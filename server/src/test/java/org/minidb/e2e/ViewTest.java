package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLWarning;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

/**
 * Views over pgjdbc: CREATE [OR REPLACE] VIEW, DROP VIEW, dependencies (RESTRICT/CASCADE), EXPLAIN through a
 * view, transactions, plan invalidation and restart. Every expected answer, message, DETAIL and HINT was
 * taken from PostgreSQL 15 running the same statements.
 */
class ViewTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  /** Each test works on its own tables: emp_X and dept_X. */
  private static void createTables(Statement s, String x) throws Exception {
    s.execute("CREATE TABLE emp_" + x + " (id int NOT NULL, name varchar(20), dept int, salary numeric(8,2))");
    s.execute("CREATE TABLE dept_" + x + " (id int, dname text)");
    s.execute("INSERT INTO emp_" + x + " VALUES (1, 'ann', 10, 1000.50), (2, 'bob', 10, 2000), (3, 'cid', 20, 1500),"
        + " (4, 'dan', NULL, 900)");
    s.execute("INSERT INTO dept_" + x + " VALUES (10, 'sales'), (20, 'dev'), (30, 'ops')");
  }

  private static List<String> rows(Statement s, String sql) throws SQLException { return QueryRows.of(s, sql); }

  private static void expect(Statement s, String sql, String state, String message, String detail, String hint) {
    ServerErrorMessage e = SqlErrors.expectError(s, sql, state);
    assertEquals(message, e.getMessage(), sql);
    assertEquals(detail, e.getDetail(), sql);
    assertEquals(hint, e.getHint(), sql);
  }

  /** The NOTICEs of the last statement: message, then DETAIL when there is one. */
  private static List<String> notices(Statement s) throws Exception {
    List<String> out = new ArrayList<>();
    for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
      ServerErrorMessage m = ((PSQLWarning) w).getServerErrorMessage();
      out.add(m.getMessage());
      if (m.getDetail() != null) out.add(m.getDetail());
    }
    s.clearWarnings();
    return out;
  }

  @Test
  void joinsAggregatesWithUnionAndLimitThroughViews() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      createTables(s, "q");
      s.execute("CREATE VIEW emp_dept_q AS SELECT e.id, e.name, d.dname FROM emp_q e JOIN dept_q d ON e.dept = d.id");
      s.execute("CREATE VIEW dept_pay_q (dept, total, n) AS SELECT dept, sum(salary), count(*) FROM emp_q GROUP BY dept");
      s.execute("CREATE VIEW top2_q AS SELECT name, salary FROM emp_q ORDER BY salary DESC LIMIT 2");
      s.execute("CREATE VIEW names_q AS WITH x AS (SELECT name FROM emp_q WHERE id < 3) SELECT name FROM x"
          + " UNION SELECT dname FROM dept_q;");
      assertEquals(List.of("1|ann|sales", "2|bob|sales", "3|cid|dev"), rows(s, "SELECT * FROM emp_dept_q ORDER BY id"));
      assertEquals(List.of("null|900.00|1", "10|3000.50|2", "20|1500.00|1"),
          rows(s, "SELECT * FROM dept_pay_q ORDER BY dept NULLS FIRST"));
      assertEquals(List.of("bob|2000.00", "cid|1500.00"), rows(s, "SELECT * FROM top2_q"));
      assertEquals(List.of("ann", "bob", "dev", "ops", "sales"), rows(s, "SELECT * FROM names_q ORDER BY 1"));
      assertEquals(List.of("dev|1500.00", "sales|3000.50"), rows(s,
          "SELECT d.dname, p.total FROM dept_pay_q p JOIN dept_q d ON p.dept = d.id WHERE p.total > 1000 ORDER BY 1"));
      // A view of a view, and a selection pushed through both into the scans.
      s.execute("CREATE VIEW sales_q AS SELECT name FROM emp_dept_q WHERE dname = 'sales'");
      assertEquals(List.of("ann", "bob"), rows(s, "SELECT * FROM sales_q ORDER BY 1"));
      assertEquals(List.of("Hash Join", "  Hash Cond: (e.dept = d.id)", "  ->  Seq Scan on emp_q e", "  ->  Hash",
              "        ->  Seq Scan on dept_q d", "              Filter: (dname = 'dev'::text)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM emp_dept_q WHERE dname = 'dev'"));
      // A view used twice: its table gets PostgreSQL's second name, emp_q_1.
      s.execute("CREATE VIEW low_q AS SELECT id FROM emp_q WHERE id < 3");
      assertEquals(List.of("Hash Join", "  Hash Cond: (emp_q.id = emp_q_1.id)", "  ->  Seq Scan on emp_q",
              "        Filter: (id < 3)", "  ->  Hash", "        ->  Seq Scan on emp_q emp_q_1",
              "              Filter: (id < 3)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM low_q x JOIN low_q y ON x.id = y.id"));
      // Below the aggregate as in PostgreSQL (whose aggregate node, chosen by cost, may differ).
      List<String> aggregate = rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM dept_pay_q WHERE dept = 10");
      assertEquals(List.of("  ->  Seq Scan on emp_q", "        Filter: (dept = 10)"),
          aggregate.subList(aggregate.size() - 2, aggregate.size()));
      // RowDescription describes a view's column as its own: varchar(20) keeps its length.
      try (ResultSet rs = s.executeQuery("SELECT name, total FROM emp_dept_q, dept_pay_q LIMIT 1")) {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals("varchar", md.getColumnTypeName(1));
        assertEquals(20, md.getPrecision(1));
        assertEquals("numeric", md.getColumnTypeName(2));
      }
    }
  }

  @Test
  void createOrReplaceAndItsErrors() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      createTables(s, "r");
      s.execute("CREATE VIEW v_r AS SELECT id, name FROM emp_r WHERE id > 1");
      assertEquals(List.of("2|bob", "3|cid", "4|dan"), rows(s, "SELECT * FROM v_r ORDER BY id"));
      s.execute("CREATE OR REPLACE VIEW v_r AS SELECT id, name, salary FROM emp_r WHERE id < 3");
      assertEquals(List.of("1|ann|1000.50", "2|bob|2000.00"), rows(s, "SELECT * FROM v_r ORDER BY id"));
      String x = "42P16";
      expect(s, "CREATE OR REPLACE VIEW v_r AS SELECT id FROM emp_r", x, "cannot drop columns from view", null, null);
      expect(s, "CREATE OR REPLACE VIEW v_r AS SELECT id, dept, salary FROM emp_r", x,
          "cannot change name of view column \"name\" to \"dept\"", null,
          "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
      expect(s, "CREATE OR REPLACE VIEW v_r AS SELECT id, name::text, salary FROM emp_r", x,
          "cannot change data type of view column \"name\" from character varying(20) to text", null, null);
      expect(s, "CREATE VIEW v_r AS SELECT 1", "42P07", "relation \"v_r\" already exists", null, null);
      expect(s, "CREATE VIEW emp_r AS SELECT 1", "42P07", "relation \"emp_r\" already exists", null, null);
      expect(s, "CREATE TABLE v_r (a int)", "42P07", "relation \"v_r\" already exists", null, null);
      expect(s, "CREATE OR REPLACE VIEW emp_r AS SELECT 1", "42809", "\"emp_r\" is not a view", null, null);
      expect(s, "CREATE VIEW w_r (a, b, c) AS SELECT 1, 2", "42601",
          "CREATE VIEW specifies more column names than columns", null, null);
      expect(s, "CREATE VIEW w_r (x, x) AS SELECT 1, 2", "42701", "column \"x\" specified more than once", null, null);
      expect(s, "CREATE VIEW w_r AS SELECT 1 AS a, 2 AS a", "42701", "column \"a\" specified more than once", null, null);
      expect(s, "CREATE VIEW w_r AS SELECT * FROM nowhere_r", "42P01", "relation \"nowhere_r\" does not exist", null, null);
      s.execute("CREATE VIEW w_r (x) AS SELECT 1 AS a, 'b' AS b, NULL AS n");
      assertEquals(List.of("1|b|null"), rows(s, "SELECT x, b, n FROM w_r"));
      try (ResultSet rs = s.executeQuery("SELECT * FROM w_r")) {
        assertEquals("text", rs.getMetaData().getColumnTypeName(2)); // PostgreSQL 15 types unknown as text
        assertEquals("text", rs.getMetaData().getColumnTypeName(3));
      }
      // Not automatically updatable in PostgreSQL either: its 55000 with the reason.
      s.execute("CREATE VIEW pay_r AS SELECT count(*) FROM emp_r");
      expect(s, "INSERT INTO pay_r VALUES (1)", "55000", "cannot insert into view \"pay_r\"",
          "Views that return aggregate functions are not automatically updatable.",
          "To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT DO"
              + " INSTEAD rule.");
      expect(s, "UPDATE w_r SET x = 2", "55000", "cannot update view \"w_r\"",
          "Views that do not select from a single table or view are not automatically updatable.",
          "To enable updating the view, provide an INSTEAD OF UPDATE trigger or an unconditional ON UPDATE DO"
              + " INSTEAD rule.");
      // A simple view PostgreSQL would write through: refused, MiniDB does not rewrite DML on views yet.
      SqlErrors.expectError(s, "DELETE FROM v_r WHERE id = 1", "0A000");
    }
  }

  @Test
  void dependenciesRestrictAndCascadeAsPostgres() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      createTables(s, "d");
      s.execute("CREATE VIEW v_d AS SELECT id, dept FROM emp_d");
      s.execute("CREATE VIEW v2_d AS SELECT v_d.id, count(*) FROM v_d JOIN dept_d ON v_d.dept = dept_d.id GROUP BY v_d.id");
      s.execute("CREATE VIEW v3_d AS SELECT * FROM v2_d");
      String hint = "Use DROP ... CASCADE to drop the dependent objects too.";
      expect(s, "DROP TABLE emp_d", "2BP01", "cannot drop table emp_d because other objects depend on it",
          "view v_d depends on table emp_d\nview v2_d depends on view v_d\nview v3_d depends on view v2_d", hint);
      expect(s, "DROP VIEW v_d RESTRICT", "2BP01", "cannot drop view v_d because other objects depend on it",
          "view v2_d depends on view v_d\nview v3_d depends on view v2_d", hint);
      expect(s, "DROP TABLE emp_d, dept_d", "2BP01",
          "cannot drop desired object(s) because other objects depend on them",
          "view v_d depends on table emp_d\nview v2_d depends on view v_d\nview v3_d depends on view v2_d", hint);
      expect(s, "DROP TABLE v_d", "42809", "\"v_d\" is not a table", null, "Use DROP VIEW to remove a view.");
      expect(s, "DROP VIEW IF EXISTS emp_d", "42809", "\"emp_d\" is not a view", null, "Use DROP TABLE to remove a table.");
      expect(s, "DROP VIEW nothing_d", "42P01", "view \"nothing_d\" does not exist", null, null);
      s.execute("DROP VIEW IF EXISTS nothing_d, v3_d");
      assertEquals(List.of("view \"nothing_d\" does not exist, skipping"), notices(s));
      s.execute("DROP VIEW v_d CASCADE");
      assertEquals(List.of("drop cascades to view v2_d"), notices(s));
      SqlErrors.expectError(s, "SELECT * FROM v2_d", "42P01");
      s.execute("CREATE VIEW a_d AS SELECT id FROM emp_d");
      s.execute("CREATE VIEW b_d AS SELECT dname FROM dept_d");
      s.execute("CREATE VIEW ab_d AS SELECT * FROM a_d, b_d");
      s.execute("DROP TABLE dept_d, emp_d CASCADE");
      assertEquals(List.of("drop cascades to 3 other objects",
          "drop cascades to view a_d\ndrop cascades to view b_d\ndrop cascades to view ab_d"), notices(s));
      assertEquals(List.of(), rows(s, "SELECT relname FROM pg_class WHERE relname LIKE '%\\_d'"));
      assertEquals(List.of("0"), rows(s, "SELECT count(*) FROM pg_depend d JOIN pg_rewrite r ON d.objid = r.oid"
          + " WHERE r.ev_class NOT IN (SELECT oid FROM pg_class)"));
    }
  }

  @Test
  void aViewThatReachesItselfFailsWhenUsed() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE VIEW x1 AS SELECT 1 AS a");
      s.execute("CREATE VIEW x2 AS SELECT * FROM x1");
      s.execute("CREATE OR REPLACE VIEW x1 AS SELECT * FROM x2");
      expect(s, "SELECT * FROM x1", "42P17", "infinite recursion detected in rules for relation \"x1\"", null, null);
      expect(s, "SELECT * FROM x2", "42P17", "infinite recursion detected in rules for relation \"x2\"", null, null);
      s.execute("DROP VIEW x1 CASCADE");
      assertEquals(List.of("drop cascades to view x2"), notices(s));
    }
  }

  @Test
  void transactionalAndVisibleToOthersOnlyAfterCommit() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createTables(sa, "t");
      sa.execute("CREATE VIEW keep_t AS SELECT id FROM emp_t WHERE id = 1");
      a.setAutoCommit(false);
      sa.execute("CREATE VIEW gone_t AS SELECT name FROM emp_t");
      sa.execute("CREATE OR REPLACE VIEW keep_t AS SELECT id FROM emp_t WHERE id = 2");
      assertEquals(List.of("2"), rows(sa, "SELECT * FROM keep_t"));
      assertEquals(4, rows(sa, "SELECT * FROM gone_t").size());
      SqlErrors.expectError(sb, "SELECT * FROM gone_t", "42P01");
      assertEquals(List.of("1"), rows(sb, "SELECT * FROM keep_t"));
      a.rollback();
      SqlErrors.expectError(sa, "SELECT * FROM gone_t", "42P01");
      a.rollback();
      assertEquals(List.of("1"), rows(sa, "SELECT * FROM keep_t"));
      sa.execute("DROP VIEW keep_t");
      a.rollback();
      assertEquals(List.of("1"), rows(sa, "SELECT * FROM keep_t"));
      sa.execute("DROP TABLE emp_t CASCADE");
      assertEquals(List.of(), rows(sa, "SELECT relname FROM pg_class WHERE relname = 'keep_t'"));
      // DROP holds ACCESS EXCLUSIVE on emp_t: a reader of the view waits for the outcome (as in PostgreSQL),
      // then finds the table gone.
      var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return rows(sb, "SELECT * FROM keep_t");
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      Thread.sleep(200);
      org.junit.jupiter.api.Assertions.assertFalse(reader.isDone(), "the reader waits for the dropping transaction");
      a.commit();
      var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
          () -> reader.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals("42P01", ((java.sql.SQLException) failure.getCause()).getSQLState());
      SqlErrors.expectError(sb, "SELECT * FROM keep_t", "42P01");
    }
  }

  @Test
  void cachedPlansFollowTheViewsDefinition() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      createTables(s, "p");
      s.execute("CREATE VIEW v_p AS SELECT name FROM emp_p WHERE dept = 10");
      String query = "SELECT * FROM v_p ORDER BY name";
      assertEquals(List.of("ann", "bob"), rows(s, query));
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM v_p WHERE name > ?")) {
        ps.setString(1, "a");
        for (int i = 0; i < 6; i++) { // past pgjdbc's prepareThreshold: a named server-side statement
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(2, rs.getInt(1));
          }
        }
        s.execute("CREATE OR REPLACE VIEW v_p AS SELECT name FROM emp_p WHERE dept = 20");
        assertEquals(List.of("cid"), rows(s, query));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertEquals(1, rs.getInt(1));
        }
      }
      s.execute("DROP VIEW v_p");
      SqlErrors.expectError(s, query, "42P01");
    }
  }

  @Test
  void viewsAreRowsOfTheCatalog() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      createTables(s, "c");
      s.execute("CREATE VIEW v_c (ident, nm) AS SELECT id, name FROM emp_c");
      assertEquals(List.of("v|0|0|2|t"), rows(s, "SELECT relkind, relfilenode, relam, relnatts, relhasrules"
          + " FROM pg_class WHERE relname = 'v_c'"));
      assertEquals(List.of("ident|23|-1|1", "nm|1043|24|2"), rows(s, "SELECT attname, atttypid, atttypmod, attnum"
          + " FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid WHERE c.relname = 'v_c' ORDER BY attnum"));
      assertEquals(List.of("_RETURN|1|t|SELECT id, name FROM emp_c"), rows(s, "SELECT rulename, ev_type, is_instead,"
          + " ev_action FROM pg_rewrite r JOIN pg_class c ON r.ev_class = c.oid WHERE c.relname = 'v_c'"));
      // PostgreSQL records one 'n' row per column used (emp_c twice here); MiniDB one for the whole table.
      assertEquals(List.of("v_c|i", "emp_c|n", "v_c|n"), rows(s, "SELECT t.relname, d.deptype FROM pg_depend d"
          + " JOIN pg_rewrite r ON d.objid = r.oid JOIN pg_class v ON r.ev_class = v.oid"
          + " JOIN pg_class t ON d.refobjid = t.oid WHERE v.relname = 'v_c' ORDER BY d.deptype, t.relname"));
    }
  }

  @Test
  void viewsAndTheirDependenciesSurviveARestart() throws Exception {
    try (TestServer own = TestServer.start()) {
      try (Connection c = own.connect(); Statement s = c.createStatement()) {
        createTables(s, "s");
        s.execute("CREATE VIEW v_s AS SELECT e.name, d.dname FROM emp_s e JOIN dept_s d ON e.dept = d.id");
        s.execute("CREATE VIEW w_s AS SELECT dname, count(*) AS n FROM v_s GROUP BY dname");
        s.execute("CREATE VIEW dropped_s AS SELECT 1 AS one");
        s.execute("DROP VIEW dropped_s");
      }
      own.stop();
      own.startAgain();
      try (Connection c = own.connect(); Statement s = c.createStatement()) {
        assertEquals(List.of("dev|1", "sales|2"), rows(s, "SELECT * FROM w_s ORDER BY dname"));
        SqlErrors.expectError(s, "SELECT * FROM dropped_s", "42P01");
        expect(s, "DROP TABLE dept_s", "2BP01", "cannot drop table dept_s because other objects depend on it",
            "view v_s depends on table dept_s\nview w_s depends on view v_s",
            "Use DROP ... CASCADE to drop the dependent objects too.");
        s.execute("DROP TABLE dept_s CASCADE");
        assertEquals(List.of("drop cascades to 2 other objects",
            "drop cascades to view v_s\ndrop cascades to view w_s"), notices(s));
        assertFalse(rows(s, "SELECT relname FROM pg_class WHERE relkind = 'v'").contains("v_s"));
        assertNull(s.getWarnings());
      }
    }
  }
}
