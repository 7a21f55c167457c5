package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * string_agg(text, text [ORDER BY ...]), with FILTER, GROUP BY and NULLs; count(DISTINCT ...).
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class StringAggTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      PgAnswers.setup(s, SETUP);
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  /** Run once on the server before the tests. */
  private static final String SETUP = "CREATE TABLE s (g int, v text, k int); INSERT INTO s VALUES (1, 'a', 3), (1, 'b', 1), (1, NULL, 2), (2, 'c', 1), (2, 'd', NULL), (3, NULL, 1)";

  private static final String[][] ANSWERS = {
      {"SELECT g, string_agg(v, ',') FROM s GROUP BY g ORDER BY g", "1|a,b\n2|c,d\n3|"},
      {"SELECT g, string_agg(v, '-' ORDER BY k DESC) FROM s GROUP BY g ORDER BY g", "1|a-b\n2|d-c\n3|"},
      {"SELECT string_agg(v, ', ' ORDER BY v) FILTER (WHERE k > 1), count(DISTINCT g), count(DISTINCT v), count(*) FROM s", "a|3|4|6"},
      {"SELECT string_agg(k::text, ',' ORDER BY k NULLS FIRST), string_agg(k::text, ',' ORDER BY k DESC) FROM s", "1,1,1,2,3|3,2,1,1,1"},
      {"SELECT string_agg(v, ',') FROM s WHERE false", ""},
      {"SELECT string_agg(v, NULL ORDER BY v) FROM s", "abcd"},
      {"SELECT g, string_agg(v || k, '' ORDER BY v DESC) FROM s GROUP BY g HAVING count(*) > 1 ORDER BY g", "1|b1a3\n2|c1"},
  };

  private static final String[][] ERRORS = {

  };

  @Test
  void answersAsPostgresql() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String[] a : ANSWERS) PgAnswers.assertAnswer(s, a[0], a[1]);
    }
  }

  @Test
  void errorsAsPostgresql() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String[] e : ERRORS) PgAnswers.assertError(s, e[0], e[1], e[2]);
    }
  }
}
