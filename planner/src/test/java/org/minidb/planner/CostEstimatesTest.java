package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.cost.RelationSize;
import org.minidb.planner.cost.TableSizes;
import org.minidb.planner.explain.Estimate;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * The cost model against PostgreSQL 15's EXPLAIN for the same tables, never analyzed (so that both assume a
 * 10-page heap filled at the density the row width allows); expected texts are PostgreSQL's.
 */
class CostEstimatesTest {
  private static String text(Estimate e) { return e.text(); }

  @Test
  void neverCountedTableIsTenPagesAtItsWidthsDensity() {
    // CREATE TABLE t (a int, b text): PostgreSQL assumes 1270 rows in 10 pages.
    TableDef t = new TableDef(1, 2200, "public", "t", 1, List.of(new ColumnDef("a", 1, DataType.INT4, false, null),
        new ColumnDef("b", 2, DataType.TEXT, false, null)), List.of());
    TableSizes.Size size = TableSizes.estimate(t, RelationSize.uncounted(0));
    assertEquals(10, size.pages());
    assertEquals(1270, size.tuples());
    // EXPLAIN DELETE FROM t WHERE a = 1: Seq Scan on t  (cost=0.00..25.88 rows=6 width=6)
    assertEquals("(cost=0.00..25.88 rows=6 width=6)", text(CostModel.seqScan(10, 1270, 1, 1270 * 0.005, 6)));
    // A heap counted at 2 pages and 500 rows, now 4 pages long: the density holds.
    assertEquals(1000, TableSizes.estimate(t, new RelationSize(4, 2, 500)).tuples());
  }

  @Test
  void primaryKeyLookup() {
    // 20,000 rows in 148 pages: Index Scan using flip_pkey on flip  (cost=0.29..8.30 rows=1 width=40)
    Estimate e = CostModel.indexScan(148, 20000, 1.0 / 20000, 1, 0, 1, 40, 4);
    assertEquals(0.29, e.startupCost(), 0.005);
    assertEquals(8.30, e.totalCost(), 0.02);
  }

  @Test
  void explainPrintsPostgresCosts() {
    // PostgreSQL 15 over TestCatalog's t and u (CREATE TABLE as there, never analyzed).
    List<String> plan = Rows.of("EXPLAIN SELECT t.a, u.d FROM t, u WHERE t.a = u.a AND t.b = 'x' AND u.d > 5")
        .stream().map(r -> (String) r.get(0)).toList();
    // PostgreSQL: Hash Join  (cost=22.81..61.03 rows=17 width=12): its default join selectivity (planner/stats).
    assertEquals("Hash Join  (cost=22.81..61.03 rows=17 width=12)", plan.get(0));
    assertEquals("  Hash Cond: (u.a = t.a)", plan.get(1));
    assertEquals("  ->  Seq Scan on u  (cost=0.00..35.50 rows=680 width=12)", plan.get(2));
    assertEquals(List.of(List.of("Values Scan on \"*VALUES*\"  (cost=0.00..0.04 rows=3 width=4)")),
        Rows.of("EXPLAIN VALUES (1), (2), (3)"));
  }

  @Test
  void sortAndLimit() {
    Estimate scan = new Estimate(0, 22.70, 1270, 36);
    // Sort  (cost=88.17..91.35 rows=1270 width=36) over Seq Scan on t t1  (cost=0.00..22.70 rows=1270 width=36)
    assertEquals("(cost=88.17..91.35 rows=1270 width=36)", text(CostModel.sort(scan, -1)));
    Estimate limited = CostModel.limit(scan, 0, 10);
    assertEquals(10, limited.rows());
    assertEquals(22.70 * 10 / 1270, limited.totalCost(), 1e-9);
  }
}
