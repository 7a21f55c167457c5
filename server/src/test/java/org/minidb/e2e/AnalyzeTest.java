package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.e2e.PgAnswers.assertAnswer;
import static org.minidb.e2e.PgAnswers.assertError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ANALYZE, VACUUM ANALYZE, autoanalyze and pg_stats over pgjdbc. The table is small enough to be read whole, so
 * PostgreSQL 15's statistics are exact and MiniDB's must equal them (recorded in analyze/st-pg15.txt from
 * PostgreSQL 15.18 with the same statements).
 */
class AnalyzeTest {
  private static TestServer server;

  /** The statements that made analyze/st-pg15.txt on PostgreSQL 15. */
  static final String SETUP = "CREATE TABLE st (id int, k int, s text, r int, x numeric, b bool);"
      + "INSERT INTO st SELECT g, g % 10, CASE WHEN g % 7 = 0 THEN NULL ELSE 'v' || (g % 37) END,"
      + " CASE WHEN g <= 1000 THEN 1 WHEN g <= 1500 THEN 2 ELSE g END, g * 1.5, g % 3 = 0"
      + " FROM generate_series(1, 2000) g";

  static final String PG_STATS = "select attname, null_frac, avg_width, n_distinct, coalesce(most_common_vals::text,''),"
      + " coalesce(most_common_freqs::text,''), coalesce(histogram_bounds::text,''), correlation from pg_stats"
      + " where tablename='st' order by attname";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("autovacuum_naptime", "1s"));
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static String resource(String name) throws IOException {
    try (InputStream in = AnalyzeTest.class.getResourceAsStream("/analyze/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  @Test
  void pgStatsEqualPostgresForATableReadWhole() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      PgAnswers.setup(s, SETUP);
      s.execute("ANALYZE st");
      assertAnswer(s, PG_STATS, resource("st-pg15.txt"));
      assertAnswer(s, "select reltuples, relpages > 0 from pg_class where relname = 'st'", "2000|t");
      assertAnswer(s, "select schemaname, inherited from pg_stats where tablename = 'st' and attname = 'id'", "public|f");
      // A second ANALYZE replaces the rows rather than adding to them.
      s.execute("ANALYZE st (k)");
      assertAnswer(s, "select count(*) from pg_statistic s join pg_class c on c.oid = s.starelid where c.relname = 'st'", "6");
    }
  }

  @Test
  void analyzeInATransactionIsUndoneByRollback() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE rb (a int)");
      s.execute("INSERT INTO rb SELECT g FROM generate_series(1, 10) g");
      c.setAutoCommit(false);
      s.execute("ANALYZE rb");
      assertAnswer(s, "select count(*) from pg_stats where tablename = 'rb'", "1");
      c.rollback();
      c.setAutoCommit(true);
      assertAnswer(s, "select count(*) from pg_stats where tablename = 'rb'", "0");
      assertAnswer(s, "select reltuples from pg_class where relname = 'rb'", "-1");
    }
  }

  @Test
  void vacuumAnalyzeAndVerbose() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE va (a int, b text)");
      s.execute("INSERT INTO va SELECT g, 'x' FROM generate_series(1, 100) g");
      s.execute("vacuum analyze va");
      assertAnswer(s, "select attname, n_distinct, most_common_vals from pg_stats where tablename = 'va' order by 1",
          "a|-1|\nb|1|{x}");
      s.execute("DELETE FROM va WHERE a > 50");
      s.execute("VACUUM (ANALYZE, VERBOSE) va (a)");
      List<String> notices = new ArrayList<>();
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) notices.add(w.getMessage());
      assertTrue(notices.contains("analyzing \"public.va\""), notices.toString());
      assertAnswer(s, "select reltuples from pg_class where relname = 'va'", "50");
      s.execute("ANALYZE VERBOSE va");
      assertTrue(s.getWarnings().getMessage().startsWith("analyzing \"public.va\""));
      s.execute("analyze");
    }
  }

  @Test
  void errorsAsPostgres() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE er (a int)");
      assertError(s, "ANALYZE er (nosuch)", "42703", "column \"nosuch\" of relation \"er\" does not exist");
      assertError(s, "ANALYZE nosuch", "42P01", "relation \"nosuch\" does not exist");
      assertError(s, "VACUUM er (a)", "22023", "ANALYZE option must be specified when a column list is provided");
    }
  }

  /**
   * Long values (TPC-H's comment columns): PostgreSQL moves a long pg_statistic row out of line; MiniDB's catalogs
   * have no TOAST, so the histogram and MCV list are thinned until the row fits, instead of ANALYZE failing with
   * "row is too big".
   */
  @Test
  void longValuesStillGetStatistics() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE lv (id int, note text)");
      s.execute("INSERT INTO lv SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 3000) g");
      s.execute("ANALYZE lv");
      assertAnswer(s, "select n_distinct from pg_stats where tablename = 'lv' and attname = 'note'", "-1");
      String bounds = PgAnswers.answer(s,
          "select histogram_bounds from pg_stats where tablename = 'lv' and attname = 'note'");
      int count = bounds.split(",").length;
      org.junit.jupiter.api.Assertions.assertTrue(count >= 2 && count < 101, count + " bounds");
      assertAnswer(s, "select count(*) from pg_stats where tablename = 'lv' and histogram_bounds is not null", "2");
    }
  }

  @Test
  void autoanalyzeAfterEnoughChanges() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE aa (a int)");
      s.execute("INSERT INTO aa SELECT g FROM generate_series(1, 300) g");
      long deadline = System.nanoTime() + 30_000_000_000L;
      String reltuples = "-1";
      while (System.nanoTime() < deadline && reltuples.equals("-1")) {
        Thread.sleep(200);
        reltuples = PgAnswers.answer(s, "select reltuples from pg_class where relname = 'aa'");
      }
      assertEquals("300", reltuples);
      assertAnswer(s, "select n_distinct from pg_stats where tablename = 'aa'", "-1");
    }
  }

}
