package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden {@code EXPLAIN (COSTS OFF)} of the 22 TPC-H queries over the data of {@link TpchQueriesTest} (scale
 * factor 0.005), each next to PostgreSQL 15's plan for the same schema and data:
 * {@code src/test/resources/tpch/explain/qN.txt} is MiniDB's plan (the test asserts it), {@code qN.pg.txt} is
 * PostgreSQL's after ANALYZE with max_parallel_workers_per_gather = 0 (MiniDB runs no parallel plans), recorded,
 * not asserted: the test prints which queries plan as PostgreSQL does and writes the differences to
 * {@code target/tpch-explain-vs-postgresql.txt}.
 *
 * <p>Regenerate MiniDB's plans after a deliberate planner change with {@code -Dtpch.explain.record=true} (and
 * review the diff); record PostgreSQL's with {@code -Dtpch.explain.pg=jdbc:postgresql://127.0.0.1:PORT/postgres}
 * (an empty database of a running PostgreSQL 15: the test loads the same data into it and runs ANALYZE).
 */
class TpchExplainTest {
  /**
   * With {@code -Dtpch.explain.keys=true}: the spec's primary keys ({@code bench/tpch/keys.sql}) are added on
   * both sides after the load, and the goldens are those of {@code tpch/explain-keys/} (index scans, index nested
   * loops). Not part of the default run.
   */
  private static final boolean KEYS = Boolean.getBoolean("tpch.explain.keys");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "tpch", KEYS ? "explain-keys" : "explain");
  private static final boolean RECORD = Boolean.getBoolean("tpch.explain.record");
  private static final Map<Integer, String> COMPARISON = new TreeMap<>();
  /** Queries whose plan has PostgreSQL's nodes in PostgreSQL's order (conditions may print differently). */
  private static final java.util.Set<Integer> SAME_SHAPE = new java.util.TreeSet<>();

  private static TestServer server;
  private static Connection conn;

  @BeforeAll
  static void load() throws Exception {
    server = TestServer.start();
    conn = server.connect();
    load(conn);
    String pg = System.getProperty("tpch.explain.pg");
    if (pg != null) recordPostgreSql(pg);
  }

  private static void load(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      PgAnswers.setup(s, Files.readString(TpchQueriesTest.BENCH.resolve("schema.sql")));
      for (TpchTable<?> table : TpchTable.getTables()) TpchQueriesTest.insertAll(s, table);
      if (KEYS) addKeys(s);
    }
  }

  /** keys.sql, each key on its own: at this scale the generator repeats some partsupp keys (23505 on both sides). */
  private static void addKeys(Statement s) throws IOException, SQLException {
    for (String stmt : Files.readString(TpchQueriesTest.BENCH.resolve("keys.sql")).split(";")) {
      if (stmt.isBlank()) continue;
      try {
        s.execute(stmt);
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) throw e;
      }
    }
  }

  private static void recordPostgreSql(String url) throws Exception {
    try (Connection pg = DriverManager.getConnection(url, "postgres", "")) {
      load(pg);
      try (Statement s = pg.createStatement()) {
        s.execute("ANALYZE");
        s.execute("SET max_parallel_workers_per_gather = 0");
        Files.createDirectories(GOLDEN);
        for (int q = 1; q <= 22; q++) Files.writeString(GOLDEN.resolve("q" + q + ".pg.txt"), explain(s, q));
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (conn != null) conn.close();
    server.close();
    if (COMPARISON.isEmpty()) return;
    List<String> report = new ArrayList<>();
    long same = COMPARISON.values().stream().filter(String::isEmpty).count();
    report.add("TPC-H EXPLAIN (COSTS OFF) at SF " + TpchQueriesTest.SCALE_FACTOR + ": " + same + " of "
        + COMPARISON.size() + " queries print PostgreSQL 15's plan text, " + SAME_SHAPE.size()
        + " have its plan shape (nodes and their order; conditions may print differently): " + SAME_SHAPE);
    COMPARISON.forEach((q, diff) -> report.add("q" + q + ": " + (diff.isEmpty() ? "same plan"
        : (SAME_SHAPE.contains(q) ? "same shape, " : "") + "differs\n" + diff)));
    Files.write(Path.of("target", KEYS ? "tpch-explain-keys-vs-postgresql.txt" : "tpch-explain-vs-postgresql.txt"),
        report);
    System.out.println(report.getFirst());
  }

  @ParameterizedTest(name = "q{0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
  void planAsRecorded(int q) throws Exception {
    String actual;
    try (Statement s = conn.createStatement()) {
      actual = explain(s, q);
    }
    Path ours = GOLDEN.resolve("q" + q + ".txt");
    if (RECORD) {
      Files.createDirectories(GOLDEN);
      Files.writeString(ours, actual);
    }
    Path pg = GOLDEN.resolve("q" + q + ".pg.txt");
    if (Files.exists(pg)) {
      String theirs = Files.readString(pg);
      COMPARISON.put(q, sideBySide(actual, theirs));
      if (shape(actual).equals(shape(theirs))) SAME_SHAPE.add(q);
    }
    assertEquals(Files.readString(ours), actual, "q" + q + " plans differently from " + ours);
  }

  static String explain(Statement s, int q) throws IOException, SQLException {
    String sql = Files.readString(TpchQueriesTest.BENCH.resolve("queries/q" + q + ".sql"))
        .replace("${FRACTION}", new BigDecimal("0.0001").divide(BigDecimal.valueOf(TpchQueriesTest.SCALE_FACTOR))
            .toPlainString());
    return PgAnswers.answer(s, "EXPLAIN (COSTS OFF) " + sql.strip().replaceAll(";$", "")) + "\n";
  }

  /** The node lines of a plan (title lines, without the detail lines such as Filter: or Hash Cond:). */
  private static List<String> shape(String plan) {
    List<String> nodes = new ArrayList<>();
    for (String line : plan.lines().toList()) {
      if (nodes.isEmpty() || line.strip().startsWith("->")) nodes.add(line);
    }
    return nodes;
  }

  /** Empty when both texts are equal, else the two plans side by side (MiniDB left). */
  private static String sideBySide(String ours, String theirs) {
    if (ours.equals(theirs)) return "";
    List<String> a = ours.lines().toList();
    List<String> b = theirs.lines().toList();
    int width = Math.min(90, a.stream().mapToInt(String::length).max().orElse(0));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("  %-" + width + "s | %s%n", "MiniDB", "PostgreSQL 15"));
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String l = i < a.size() ? a.get(i) : "";
      String r = i < b.size() ? b.get(i) : "";
      sb.append(String.format("%s %-" + width + "s | %s%n", l.equals(r) ? " " : "*", l, r));
    }
    return sb.toString();
  }
}
