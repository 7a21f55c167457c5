package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.planner.cost.RelationSize;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Planning time of many-table inner joins (issue 7's figure; {@code bench/join-planning.sh} runs it with
 * {@code -Djoin.bench=true} for more iterations and prints the medians). Tables t1..t20 of different sizes;
 * a chain joins t_i.fk = t_{i+1}.id, a star joins the fact table t1 to every other on its own column. As a test
 * it checks that every plan joins all tables by hash joins on their conditions, never by a cross product.
 */
class JoinPlanningBenchTest {
  private static final int TABLES = 20;
  private static final boolean BENCH = Boolean.getBoolean("join.bench");

  /** t1..t20: (id, fk, v, f2..f20); t_i has 1000 * i rows in 10 * i pages. */
  private static final class Tables implements CatalogView {
    private final List<TableDef> tables = new ArrayList<>();

    Tables() {
      for (int i = 1; i <= TABLES; i++) {
        List<ColumnDef> cols = new ArrayList<>();
        cols.add(new ColumnDef("id", 1, DataType.INT4, true, null));
        cols.add(new ColumnDef("fk", 2, DataType.INT4, false, null));
        cols.add(new ColumnDef("v", 3, DataType.INT4, false, null));
        for (int f = 2; f <= TABLES; f++) cols.add(new ColumnDef("f" + f, 2 + f, DataType.INT4, false, null));
        tables.add(new TableDef(20000 + i, 2200, "public", "t" + i, 20000 + i, cols, List.of()));
      }
    }

    @Override public long version() { return 1; }
    @Override public Optional<TableDef> table(String schema, String name) {
      return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
    @Override public List<TableDef> tables() { return tables; }
    @Override public RelationSize relationSize(TableDef t) {
      int i = Integer.parseInt(t.name().substring(1));
      return new RelationSize(10L * i, 10L * i, 1000.0 * i);
    }
  }

  static String chain(int n) {
    StringBuilder from = new StringBuilder("SELECT count(*) FROM t1");
    StringBuilder where = new StringBuilder(" WHERE t1.v < 5");
    for (int i = 2; i <= n; i++) {
      from.append(", t").append(i);
      where.append(" AND t").append(i - 1).append(".fk = t").append(i).append(".id");
    }
    return from.append(where).toString();
  }

  static String star(int n) {
    StringBuilder from = new StringBuilder("SELECT count(*) FROM t1");
    StringBuilder where = new StringBuilder(" WHERE t1.v < 5");
    for (int i = 2; i <= n; i++) {
      from.append(", t").append(i);
      where.append(" AND t1.f").append(i).append(" = t").append(i).append(".id");
    }
    return from.append(where).toString();
  }

  @Test
  void manyTableJoinsPlanWithoutCrossProducts() {
    Planner planner = new Planner();
    Tables catalog = new Tables();
    int runs = BENCH ? 30 : 2;
    List<String> report = new ArrayList<>();
    for (String shape : List.of("chain", "star")) {
      for (int n : new int[] {2, 4, 8, 10, 12, 13, 16, 20}) {
        String sql = shape.equals("chain") ? chain(n) : star(n);
        double[] ms = new double[runs];
        PlannedStatement p = null;
        for (int r = 0; r < runs + (BENCH ? 10 : 0); r++) { // warm-up runs first when benchmarking
          long t0 = System.nanoTime();
          p = (PlannedStatement) planner.prepare(sql, catalog, List.of());
          if (r >= (BENCH ? 10 : 0)) ms[r - (BENCH ? 10 : 0)] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        long hashJoins = p.explain().stream().filter(l -> l.endsWith("Hash Join")).count();
        assertEquals(n - 1, hashJoins, () -> String.join("\n", ((PlannedStatement) planner.prepare(sql, catalog,
            List.of())).explain()));
        assertTrue(p.explain().stream().noneMatch(l -> l.contains("Nested Loop")));
        report.add(String.format(Locale.ROOT, "%-6s %2d tables: median %8.2f ms  max %8.2f ms  (%s)", shape, n,
            ms[runs / 2], ms[runs - 1], n <= 12 ? "exhaustive" : "greedy"));
      }
    }
    if (BENCH) report.forEach(System.out::println);
  }
}
