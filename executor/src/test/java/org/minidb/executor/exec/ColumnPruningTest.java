package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.minidb.executor.expr.Exprs.literal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.InsertNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Scans under projections, aggregates, sorts and hash joins decode only the columns read above them: the
 * answers are those of the unpruned plans (expected values worked out from the data, as PostgreSQL gives them).
 */
class ColumnPruningTest {
  private static final TableDef T = table(16384, "t", "id", DataType.INT4, "k", DataType.INT4, "v", DataType.TEXT);
  private static final TableDef U = table(16390, "u", "k", DataType.INT4, "name", DataType.TEXT, "w", DataType.TEXT);

  private MemoryStorage storage;
  private MemoryStorage.MemoryTransaction tx;

  private static TableDef table(int oid, String name, String c1, DataType t1, String c2, DataType t2, String c3,
      DataType t3) {
    return new TableDef(oid, 2200, "public", name, oid, List.of(new ColumnDef(c1, 1, t1, false, null),
        new ColumnDef(c2, 2, t2, false, null), new ColumnDef(c3, 3, t3, false, null)), List.of());
  }

  private ExecContext ctx() {
    return new ExecContext(storage, tx, tx.snapshot(), new Object[0], ZoneOffset.UTC, Instant.EPOCH, 4 << 20);
  }

  private List<List<Object>> run(PlanNode plan) {
    List<List<Object>> out = new ArrayList<>();
    try (Operator op = Executor.build(plan, ctx())) {
      op.open();
      Object[] row;
      for (int guard = 0; guard < 10_000 && (row = op.next()) != null; guard++) out.add(Arrays.asList(row.clone()));
    }
    return out;
  }

  @BeforeEach
  void setUp() {
    storage = new MemoryStorage();
    tx = new MemoryStorage.MemoryTransaction();
    // t: (id, id*7 % 5, 'v'||id) for id 1..20, one NULL k; u: (k, 'u'||k, 'w'||k) for k 0..3
    List<Object[]> t = new ArrayList<>();
    for (int id = 1; id <= 20; id++) t.add(new Object[] {id, id == 20 ? null : id * 7 % 5, "v" + id});
    Executor.run(new InsertNode(T, OperatorsTest.values(types(T), t.toArray(Object[][]::new)), List.of()), ctx());
    List<Object[]> u = new ArrayList<>();
    for (int k = 0; k <= 3; k++) u.add(new Object[] {k, "u" + k, "w" + k});
    Executor.run(new InsertNode(U, OperatorsTest.values(types(U), u.toArray(Object[][]::new)), List.of()), ctx());
  }

  private static List<DataType> types(TableDef t) { return t.columns().stream().map(ColumnDef::type).toList(); }

  @Test
  void aggregateOverProjectedScan() {
    // SELECT count(*), sum(k) FROM t  ->  20 | 40 (k = 2*id mod 5 cycles 2,4,1,3,0; id 20 has NULL k)
    PlanNode scan = new SeqScanNode(T, null, false);
    PlanNode project = new ProjectNode(scan, List.of(Exprs.column(1)), List.of(DataType.INT4));
    PlanNode agg = new AggregateNode(project, new int[0], List.of(
        new AggregateCall("count", -1, false, null, DataType.INT8),
        new AggregateCall("sum", 0, false, DataType.INT4, DataType.INT8)), List.of(DataType.INT8, DataType.INT8));
    assertEquals(List.of(List.of(20L, 40L)), run(agg));
  }

  @Test
  void joinReadsItsKeysAndWhatIsProjected() {
    // SELECT t.v, u.name FROM t JOIN u ON t.k = u.k ORDER BY t.id LIMIT 3
    PlanNode join = new HashJoinNode(new SeqScanNode(T, null, false), new SeqScanNode(U, null, false),
        JoinType.INNER, new int[] {1}, new int[] {0}, null);
    PlanNode sorted = new LimitNode(new SortNode(join, List.of(new SortKey(0, DataType.INT4, false, false))),
        null, literal(3L));
    List<Expr> cols = List.of(Exprs.column(2), Exprs.column(4));
    PlanNode project = new ProjectNode(sorted, cols, List.of(DataType.TEXT, DataType.TEXT));
    // id 1: k 2; id 2: k 4 (no match); id 3: k 1; id 4: k 3
    assertEquals(List.of(List.of("v1", "u2"), List.of("v3", "u1"), List.of("v4", "u3")), run(project));
    // count(*) over the join: k in 0..3 for ids 1..19 (k = id*7%5; 4 appears for ids 2, 7, 12, 17)
    PlanNode count = new AggregateNode(new ProjectNode(join, List.of(), List.of()), new int[0],
        List.of(new AggregateCall("count", -1, false, null, DataType.INT8)), List.of(DataType.INT8));
    assertEquals(List.of(List.of(15L)), run(count));
  }

  @Test
  void groupedAggregateOnOneKeyKeepsNullGroup() {
    // SELECT k, count(*) FROM t GROUP BY k: k 1..4 have 4 rows each, k 0 has 3, NULL has 1
    PlanNode agg = new AggregateNode(new SeqScanNode(T, null, false), new int[] {1},
        List.of(new AggregateCall("count", -1, false, null, DataType.INT8)), List.of(DataType.INT4, DataType.INT8));
    List<List<Object>> groups = run(agg);
    assertEquals(6, groups.size());
    long total = groups.stream().mapToLong(g -> (Long) g.get(1)).sum();
    assertEquals(20L, total);
    assertEquals(1L, groups.stream().filter(g -> g.get(0) == null).findFirst().orElseThrow().get(1));
  }
}
