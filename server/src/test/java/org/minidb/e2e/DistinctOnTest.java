package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SELECT DISTINCT ON: the first row of each group in ORDER BY order.
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class DistinctOnTest {
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
  private static final String SETUP = "CREATE TABLE d (a int, b int, c text); INSERT INTO d VALUES (1, 2, 'x'), (1, 1, 'y'), (2, 5, 'z'), (2, 3, 'w'), (NULL, 1, 'n'), (NULL, 0, 'm'), (3, 1, 'p')";

  private static final String[][] ANSWERS = {
      {"SELECT DISTINCT ON (a) a, b, c FROM d ORDER BY a, b", "1|1|y\n2|3|w\n3|1|p\n|0|m"},
      {"SELECT DISTINCT ON (a) a, b, c FROM d ORDER BY a DESC, b DESC", "|1|n\n3|1|p\n2|5|z\n1|2|x"},
      {"SELECT DISTINCT ON (a) c FROM d ORDER BY a, b DESC LIMIT 2", "x\nz"},
      {"SELECT DISTINCT ON (a, b) a, b FROM d", "1|1\n1|2\n2|3\n2|5\n3|1\n|0\n|1"},
      {"SELECT DISTINCT ON (1) a, c FROM d ORDER BY 1, c", "1|x\n2|w\n3|p\n|m"},
      {"SELECT DISTINCT ON (a) a AS x, c FROM d ORDER BY x NULLS FIRST, c", "|m\n1|x\n2|w\n3|p"},
      {"SELECT DISTINCT ON (b % 2) b % 2, c FROM d ORDER BY b % 2, c DESC", "0|x\n1|z"},
      {"SELECT DISTINCT ON (a) a, b FROM d WHERE b > 1 ORDER BY a, b", "1|2\n2|3"},
  };

  private static final String[][] ERRORS = {
      {"SELECT DISTINCT ON (a) a, b FROM d ORDER BY b", "42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions"},
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
