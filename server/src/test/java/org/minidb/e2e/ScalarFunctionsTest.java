package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's numeric semantics and everyday string and math functions.
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class ScalarFunctionsTest {
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
  private static final String SETUP = "";

  private static final String[][] ANSWERS = {
      {"SELECT 7.0 / 2, round(2.345, 2), 7 / 2, -7 / 2, 7 % 3, -7 % 3, 10 / 4.0", "3.5000000000000000|2.35|3|-3|1|-1|2.5000000000000000"},
      {"SELECT (1000000::bigint * 7919) % 1000003, pg_typeof(7::int8 % 3::int2), mod(7919000000, 1000003), pg_typeof(7::int2 % 3), 7.5 % 2",
          "976246|bigint|976246|integer|1.5"},
      {"SELECT 2 ^ 3, pg_typeof(2 ^ 3), 2 ^ -1, round(2.5), round(-2.5), round(2.5::float8), round(3.5::float8)", "8|double precision|0.5|3|-3|2|4"},
      {"SELECT trunc(2.789, 1), trunc(-2.7), ceil(2.1), ceiling(-2.1), floor(-2.1), mod(7, 3), mod(-7, 3), power(2, 10), sqrt(16), abs(-3.5), abs(-3)", "2.7|-2|3|-2|-3|1|-1|1024|4|3.5|3"},
      {"SELECT exp(1), ln(10), log(100), pi(), sign(-3), div(7, 2), gcd(12, 18), lcm(4, 6)", "2.718281828459045|2.302585092994046|2|3.141592653589793|-1|3|6|12"},
      {"SELECT '年' || 'x', length('日本語'), upper('é'), 'i' || interval '1 day', position('本' in '日本語')", "年x|3|É|i1 day|2"},
      {"SELECT 'x' || true, false || 'y', 1 || 'a', 'x' || 2.50 || date '2024-01-02'", "xtrue|falsey|1a|x2.502024-01-02"},
      {"SELECT 'a' || 'b', 'a' || 1, length('hello'), lower('AbC'), upper('abc'), substring('hello' from 2 for 3), substring('hello', 2), substr('hello', 2, 2)", "ab|a1|5|abc|ABC|ell|ello|el"},
      {"SELECT position('l' in 'hello'), strpos('hello', 'l'), trim('  x  ') || '|', trim(both 'x' from 'xxaxx'), trim(leading 'x' from 'xxa'), ltrim('xxa', 'x'), rtrim('axx', 'x'), btrim('xax', 'x')", "3|3|x||a|a|a|a|a"},
      {"SELECT replace('abcabc', 'b', 'X'), repeat('ab', 3), concat('a', 1, NULL, 'b'), concat_ws(',', 'a', NULL, 'b'), left('hello', 2), right('hello', 2), left('hello', -1)", "aXcaXc|ababab|a1b|a,b|he|lo|hell"},
      {"SELECT lpad('5', 3, '0'), rpad('5', 3, '*'), lpad('hello', 3), lpad('x', 4), split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 5), initcap('hello world'), reverse('abc')", "005|5**|hel|   x|b||Hello World|cba"},
      {"SELECT md5('a'), chr(65), ascii('A'), char_length('abc'), octet_length('é'), translate('abc', 'ab', 'xy'), starts_with('abc', 'ab')", "0cc175b9c0f1b6a831c399e269772661|A|65|3|2|xyc|t"},
      {"SELECT greatest(1, 2, 3), least('a', 'b'), coalesce(NULL, 2), nullif(1, 1), 'abc' LIKE 'a%', 'ABC' ILIKE 'a%', 5 BETWEEN 1 AND 10, 3 IN (1, 2, 3)", "3|a|2||t|t|t|t"},
      {"SELECT pg_typeof(1), pg_typeof(1.5), pg_typeof('a'), pg_typeof(1::bigint), pg_typeof(interval '1 day'), pg_typeof(now())", "integer|numeric|unknown|bigint|interval|timestamp with time zone"},
  };

  private static final String[][] ERRORS = {
      {"SELECT 1 / 0", "22012", "division by zero"},
      {"SELECT 7.0 / 0", "22012", "division by zero"},
      {"SELECT sqrt(-1)", "2201F", "cannot take square root of a negative number"},
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
