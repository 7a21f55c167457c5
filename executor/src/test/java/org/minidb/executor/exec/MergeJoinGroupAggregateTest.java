package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.minidb.executor.exec.OperatorsTest.run;
import static org.minidb.executor.exec.OperatorsTest.values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.CompareOp;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.GroupAggregateNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.MergeJoinNode;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;

/**
 * Merge join against the nested loop (the reference: it evaluates the condition on every pair) and the sorted
 * aggregate against the hash aggregate, on random inputs with duplicate and NULL keys, for every join type.
 */
class MergeJoinGroupAggregateTest {
  private static final List<DataType> KV = List.of(DataType.INT4, DataType.INT4, DataType.INT4);

  /** Rows (k1, k2, payload) with keys in a small range (many duplicates) and some NULLs. */
  private static Object[][] rows(Random random, int n, int id0) {
    Object[][] out = new Object[n][];
    for (int i = 0; i < n; i++) {
      Integer k1 = random.nextInt(10) == 0 ? null : random.nextInt(8);
      Integer k2 = random.nextInt(10) == 0 ? null : random.nextInt(3);
      out[i] = new Object[] {k1, k2, id0 + i};
    }
    return out;
  }

  private static PlanNode sorted(PlanNode in, int... keys) {
    List<SortKey> k = new ArrayList<>();
    for (int c : keys) k.add(new SortKey(c, DataType.INT4, false, false));
    return new SortNode(in, k);
  }

  private static Expr eq(int l, int r) {
    return Exprs.compare(CompareOp.EQ, Exprs.column(l), Exprs.column(r), PgType.INT4);
  }

  private static final Comparator<List<Object>> ROWS = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x == y) continue;
      if (x == null) return 1;
      if (y == null) return -1;
      int c = ((Integer) x).compareTo((Integer) y);
      if (c != 0) return c;
    }
    return 0;
  };

  private static List<List<Object>> sortedRows(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(ROWS);
    return out;
  }

  @Test
  void mergeJoinEqualsNestedLoopOnRandomDataWithDuplicatesAndNulls() {
    for (int seed = 0; seed < 30; seed++) {
      Random random = new Random(seed);
      PlanNode left = values(KV, rows(random, random.nextInt(40), 0));
      PlanNode right = values(KV, rows(random, random.nextInt(40), 1000));
      for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL)) {
        // One key, two keys, and one key with a residual condition (payloads of equal parity).
        Expr parity = Exprs.compare(CompareOp.EQ,
            Exprs.arithmetic(org.minidb.executor.expr.ArithmeticOp.MODULO, Exprs.column(2), Exprs.literal(2), DataType.INT4),
            Exprs.arithmetic(org.minidb.executor.expr.ArithmeticOp.MODULO, Exprs.column(5), Exprs.literal(2), DataType.INT4),
            PgType.INT4);
        check(type, left, right, new int[] {0}, new int[] {0}, null, eq(0, 3), seed);
        check(type, left, right, new int[] {0, 1}, new int[] {0, 1}, null,
            Exprs.and(List.of(eq(0, 3), eq(1, 4))), seed);
        check(type, left, right, new int[] {0}, new int[] {0}, parity, Exprs.and(List.of(eq(0, 3), parity)), seed);
      }
    }
  }

  private static void check(JoinType type, PlanNode left, PlanNode right, int[] lk, int[] rk, Expr residual,
      Expr condition, int seed) {
    List<List<Object>> expected = run(new NestedLoopJoinNode(left, right, type, condition));
    List<List<Object>> actual = run(new MergeJoinNode(sorted(left, lk), sorted(right, rk), type, lk, rk, residual));
    assertEquals(sortedRows(expected), sortedRows(actual), type + " join, seed " + seed + ", keys " + lk.length);
  }

  @Test
  void groupAggregateEqualsHashAggregate() {
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      PlanNode in = values(KV, rows(random, random.nextInt(60), 0));
      List<AggregateCall> calls = List.of(new AggregateCall("count", -1, false, null, DataType.INT8),
          new AggregateCall("sum", 2, false, DataType.INT4, DataType.INT8),
          new AggregateCall("count", 1, true, DataType.INT4, DataType.INT8));
      List<DataType> types = List.of(DataType.INT4, DataType.INT8, DataType.INT8, DataType.INT8);
      List<List<Object>> hashed = run(new AggregateNode(in, new int[] {0}, calls, types));
      List<List<Object>> grouped = run(new GroupAggregateNode(sorted(in, 0), new int[] {0}, calls, types));
      assertEquals(sortedRows(hashed), grouped, "seed " + seed); // groups come out in key order, NULL last
    }
  }
}
