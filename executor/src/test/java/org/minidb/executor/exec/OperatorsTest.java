package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.minidb.executor.expr.Exprs.literal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.CompareOp;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.ValuesNode;

/** Operators over VALUES inputs; expected results from the same queries in PostgreSQL 15. */
class OperatorsTest {
  static final ExecContext CTX =
      new ExecContext(null, null, null, new Object[0], ZoneOffset.UTC, Instant.EPOCH, 4 << 20);

  static ValuesNode values(List<DataType> types, Object[]... rows) {
    List<List<Expr>> r = new ArrayList<>();
    for (Object[] row : rows) r.add(Arrays.stream(row).map(Exprs::literal).toList());
    return new ValuesNode(r, types);
  }

  static List<List<Object>> run(PlanNode plan) {
    List<List<Object>> out = new ArrayList<>();
    try (Operator op = Executor.build(plan, CTX)) {
      op.open();
      Object[] row;
      for (int guard = 0; guard < 10_000 && (row = op.next()) != null; guard++) out.add(Arrays.asList(row.clone()));
    }
    return out;
  }

  static List<Object> column(List<List<Object>> rows, int c) { return rows.stream().map(r -> r.get(c)).toList(); }

  @Test
  void sortPutsNullsLastAscendingAndFirstDescending() {
    ValuesNode v = values(List.of(DataType.INT4), new Object[] {1}, new Object[] {null}, new Object[] {3},
        new Object[] {2});
    assertEquals(Arrays.asList(1, 2, 3, null),
        column(run(new SortNode(v, List.of(new SortKey(0, DataType.INT4, false, false)))), 0));
    assertEquals(Arrays.asList(null, 3, 2, 1),
        column(run(new SortNode(v, List.of(new SortKey(0, DataType.INT4, true, true)))), 0));
    ValuesNode t = values(List.of(DataType.TEXT, DataType.INT4), new Object[] {"b", 1}, new Object[] {"B", 2},
        new Object[] {"a", 3}, new Object[] {"b", 0});
    List<List<Object>> sorted = run(new SortNode(t, List.of(new SortKey(0, DataType.TEXT, false, false),
        new SortKey(1, DataType.INT4, true, false))));
    assertEquals(List.of("B", "a", "b", "b"), column(sorted, 0));
    assertEquals(List.of(2, 3, 1, 0), column(sorted, 1));
  }

  @Test
  void limitSkipsAndStopsReading() {
    // The third row fails when evaluated: LIMIT 1 OFFSET 1 must never ask for it.
    Expr boom = (row, ctx) -> { throw new AssertionError("read past the limit"); };
    ValuesNode v = new ValuesNode(List.of(List.of(literal(1)), List.of(literal(2)), List.of(boom)),
        List.of(DataType.INT4));
    assertEquals(List.of(2), column(run(new LimitNode(v, literal(1L), literal(1L))), 0));
    ValuesNode w = values(List.of(DataType.INT4), new Object[] {1}, new Object[] {2});
    assertEquals(List.of(1, 2), column(run(new LimitNode(w, null, literal(null))), 0));
    assertEquals(List.of(), column(run(new LimitNode(w, literal(5L), null)), 0));
    DbException e = assertThrows(DbException.class, () -> run(new LimitNode(w, null, literal(-1L))));
    assertEquals("LIMIT must not be negative", e.getMessage());
  }

  @Test
  void aggregatesWithoutGroups() {
    // select avg(x), sum(x), count(x), count(*), min(x), max(x), count(distinct x), sum(distinct x)
    //   from (values (1),(2),(null),(2)) v(x)  ->  1.6666666666666667|5|3|4|1|2|2|3
    ValuesNode v = values(List.of(DataType.INT4), new Object[] {1}, new Object[] {2}, new Object[] {null},
        new Object[] {2});
    List<AggregateCall> calls = List.of(
        new AggregateCall("avg", 0, false, DataType.INT4, DataType.NUMERIC),
        new AggregateCall("sum", 0, false, DataType.INT4, DataType.INT8),
        new AggregateCall("count", 0, false, DataType.INT4, DataType.INT8),
        new AggregateCall("count", -1, false, null, DataType.INT8),
        new AggregateCall("min", 0, false, DataType.INT4, DataType.INT4),
        new AggregateCall("max", 0, false, DataType.INT4, DataType.INT4),
        new AggregateCall("count", 0, true, DataType.INT4, DataType.INT8),
        new AggregateCall("sum", 0, true, DataType.INT4, DataType.INT8));
    List<DataType> out = calls.stream().map(AggregateCall::resultType).toList();
    List<List<Object>> r = run(new AggregateNode(v, new int[0], calls, out));
    assertEquals(List.of(List.of(new BigDecimal("1.6666666666666667"), 5L, 3L, 4L, 1, 2, 2L, 3L)), r);

    // Over no rows: one row, count 0 and NULLs.
    List<List<Object>> empty = run(new AggregateNode(values(List.of(DataType.INT4)), new int[0], calls, out));
    assertEquals(1, empty.size());
    assertEquals(Arrays.asList(null, null, 0L, 0L, null, null, 0L, null), empty.get(0));

    // avg of numeric (1.5, 2.50) = 2.0000000000000000, sum = 4.00; sum of int8 overflows into numeric.
    ValuesNode n = values(List.of(DataType.NUMERIC), new Object[] {new BigDecimal("1.5")},
        new Object[] {new BigDecimal("2.50")});
    List<AggregateCall> nc = List.of(new AggregateCall("avg", 0, false, DataType.NUMERIC, DataType.NUMERIC),
        new AggregateCall("sum", 0, false, DataType.NUMERIC, DataType.NUMERIC));
    assertEquals(List.of(List.of(new BigDecimal("2.0000000000000000"), new BigDecimal("4.00"))),
        run(new AggregateNode(n, new int[0], nc, List.of(DataType.NUMERIC, DataType.NUMERIC))));
    ValuesNode big = values(List.of(DataType.INT8), new Object[] {Long.MAX_VALUE}, new Object[] {1L});
    assertEquals(List.of(List.of(new BigDecimal("9223372036854775808"))), run(new AggregateNode(big, new int[0],
        List.of(new AggregateCall("sum", 0, false, DataType.INT8, DataType.NUMERIC)), List.of(DataType.NUMERIC))));
  }

  @Test
  void groupsFollowPostgresEquality() {
    // select x, count(*) from (values (1.0),(1.00),(2)) v(x) group by x  ->  two groups
    ValuesNode v = values(List.of(DataType.NUMERIC), new Object[] {new BigDecimal("1.0")},
        new Object[] {new BigDecimal("1.00")}, new Object[] {new BigDecimal("2")}, new Object[] {null},
        new Object[] {null});
    List<List<Object>> r = run(new AggregateNode(v, new int[] {0},
        List.of(new AggregateCall("count", -1, false, null, DataType.INT8)), List.of(DataType.NUMERIC, DataType.INT8)));
    assertEquals(3, r.size());
    assertEquals(Arrays.asList(new BigDecimal("1.0"), 2L), r.get(0));
    assertEquals(Arrays.asList(new BigDecimal("2"), 1L), r.get(1));
    assertEquals(Arrays.asList(null, 2L), r.get(2)); // NULLs form one group
  }

  private static final List<DataType> KV = List.of(DataType.INT4, DataType.TEXT);

  @Test
  void joins() {
    ValuesNode left = values(KV, new Object[] {1, "a"}, new Object[] {2, "b"}, new Object[] {null, "n"});
    ValuesNode right = values(KV, new Object[] {1, "x"}, new Object[] {1, "y"}, new Object[] {3, "z"},
        new Object[] {null, "m"});
    Expr eq = Exprs.compare(CompareOp.EQ, Exprs.column(0), Exprs.column(2), org.minidb.common.types.PgType.INT4);
    List<List<Object>> inner = List.of(List.of(1, "a", 1, "x"), List.of(1, "a", 1, "y"));
    assertEquals(inner, run(new NestedLoopJoinNode(left, right, JoinType.INNER, eq)));
    assertEquals(inner, run(new HashJoinNode(left, right, JoinType.INNER, new int[] {0}, new int[] {0}, null)));
    List<List<Object>> leftJoin = List.of(List.of(1, "a", 1, "x"), List.of(1, "a", 1, "y"),
        Arrays.asList(2, "b", null, null), Arrays.asList(null, "n", null, null));
    assertEquals(leftJoin, run(new NestedLoopJoinNode(left, right, JoinType.LEFT, eq)));
    assertEquals(leftJoin, run(new HashJoinNode(left, right, JoinType.LEFT, new int[] {0}, new int[] {0}, null)));
    // Residual: l.k = r.k AND r.v <> 'x'
    Expr notX = Exprs.compare(CompareOp.NE, Exprs.column(3), literal("x"), org.minidb.common.types.PgType.TEXT);
    assertEquals(List.of(List.of(1, "a", 1, "y")),
        run(new HashJoinNode(left, right, JoinType.INNER, new int[] {0}, new int[] {0}, notX)));
    // Cross join: 3 x 4 rows; FULL join adds the unmatched right rows.
    assertEquals(12, run(new NestedLoopJoinNode(left, right, JoinType.INNER, null)).size());
    List<List<Object>> full = run(new NestedLoopJoinNode(left, right, JoinType.FULL, eq));
    assertEquals(6, full.size());
    assertEquals(Arrays.asList(null, null, 3, "z"), full.get(4));
    // int4 keys meet int8 keys.
    ValuesNode wide = values(List.of(DataType.INT8), new Object[] {2L});
    assertEquals(List.of(List.of(2, "b", 2L)),
        run(new HashJoinNode(left, wide, JoinType.INNER, new int[] {0}, new int[] {0}, null)));
  }
}
