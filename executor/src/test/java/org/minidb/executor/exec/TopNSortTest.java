package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.minidb.executor.expr.Exprs.literal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.ValuesNode;

/** LIMIT over Sort runs as a bounded (top-N) sort: the same rows, in the same order, as the full stable sort. */
class TopNSortTest {
  private static final List<DataType> TYPES = List.of(DataType.INT4, DataType.INT4);

  /** Rows (id, k) with many ties on k and some NULL k, in a scrambled order. */
  private static ValuesNode input(int n) {
    Random r = new Random(42);
    Object[][] rows = new Object[n][];
    for (int i = 0; i < n; i++) rows[i] = new Object[] {i, r.nextInt(10) == 0 ? null : r.nextInt(7)};
    return OperatorsTest.values(TYPES, rows);
  }

  @Test
  void boundedSortReturnsThePrefixOfTheStableSort() {
    ValuesNode v = input(500);
    for (boolean desc : new boolean[] {false, true}) {
      for (boolean nullsFirst : new boolean[] {false, true}) {
        SortNode sort = new SortNode(v, List.of(new SortKey(1, DataType.INT4, desc, nullsFirst)));
        List<List<Object>> full = OperatorsTest.run(sort);
        for (long[] offsetLimit : new long[][] {{0, 1}, {0, 10}, {3, 10}, {0, 499}, {0, 500}, {0, 501}, {490, 20}}) {
          PlanNode limited = new LimitNode(sort, literal(offsetLimit[0]), literal(offsetLimit[1]));
          int from = (int) Math.min(offsetLimit[0], full.size());
          int to = (int) Math.min(offsetLimit[0] + offsetLimit[1], full.size());
          assertEquals(new ArrayList<>(full.subList(from, to)), OperatorsTest.run(limited),
              "desc=" + desc + " nullsFirst=" + nullsFirst + " offset/limit=" + offsetLimit[0] + "/" + offsetLimit[1]);
        }
      }
    }
  }

  @Test
  void limitZeroAndNoLimitStillSortEverything() {
    ValuesNode v = input(50);
    SortNode sort = new SortNode(v, List.of(new SortKey(1, DataType.INT4, false, false)));
    assertEquals(List.of(), OperatorsTest.run(new LimitNode(sort, null, literal(0L))));
    assertEquals(OperatorsTest.run(sort), OperatorsTest.run(new LimitNode(sort, null, null)));
    assertEquals(OperatorsTest.run(sort).subList(5, 50), OperatorsTest.run(new LimitNode(sort, literal(5L), null)));
  }
}
