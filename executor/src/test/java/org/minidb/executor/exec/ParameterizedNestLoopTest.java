package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.minidb.executor.exec.OperatorsTest.run;
import static org.minidb.executor.exec.OperatorsTest.values;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.CompareOp;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.FilterNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.NestParam;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ValuesNode;

/**
 * The parameterized Nested Loop: the inner side (here a filter on {@code k = $exec0} over VALUES, standing for a
 * parameterized Index Scan) is re-opened for each outer row with the outer key in executor parameter 0. Outer
 * keys with duplicates and a NULL; answers as PostgreSQL 15 gives them for the same VALUES.
 */
class ParameterizedNestLoopTest {
  private static final ValuesNode OUTER = values(List.of(DataType.INT4, DataType.TEXT),
      new Object[] {1, "a"}, new Object[] {2, "b"}, new Object[] {1, "c"}, new Object[] {null, "d"},
      new Object[] {3, "e"});
  private static final ValuesNode INNER = values(List.of(DataType.INT4, DataType.TEXT),
      new Object[] {1, "x"}, new Object[] {1, "y"}, new Object[] {3, "z"}, new Object[] {null, "n"});

  /** The inner rows whose key equals the current outer key (none for a NULL key: = is never true for it). */
  private static PlanNode probe() {
    return new FilterNode(INNER, Exprs.compare(CompareOp.EQ, Exprs.column(0), Exprs.execParam(0), PgType.INT4));
  }

  private static List<List<Object>> join(JoinType type) {
    // The condition over the joined row (outer 0..1, inner 2..3), checked again on every pair.
    var condition = Exprs.compare(CompareOp.EQ, Exprs.column(0), Exprs.column(2), PgType.INT4);
    return run(new NestedLoopJoinNode(OUTER, probe(), type, condition, List.of(new NestParam(0, 0))));
  }

  private static List<String> shown(List<List<Object>> rows) {
    return rows.stream().map(r -> r.get(1) + ":" + r.get(3)).toList();
  }

  @Test
  void innerJoinRescansPerOuterRow() {
    assertEquals(List.of("a:x", "a:y", "c:x", "c:y", "e:z"), shown(join(JoinType.INNER)));
  }

  @Test
  void leftJoinKeepsUnmatchedOuterRows() {
    assertEquals(List.of("a:x", "a:y", "b:null", "c:x", "c:y", "d:null", "e:z"), shown(join(JoinType.LEFT)));
  }

  @Test
  void semiAndAntiJoinsReturnEachOuterRowOnceOrNever() {
    assertEquals(List.of("a:null", "c:null", "e:null"), shown(join(JoinType.SEMI)));
    assertEquals(List.of("b:null", "d:null"), shown(join(JoinType.ANTI)));
    assertEquals(Arrays.asList(1, "a", null, null), join(JoinType.SEMI).getFirst());
  }

  @Test
  void rightAndFullJoinsCannotBeParameterized() {
    assertThrows(IllegalArgumentException.class,
        () -> new NestedLoopJoinNode(OUTER, probe(), JoinType.FULL, null, List.of(new NestParam(0, 0))));
  }
}
