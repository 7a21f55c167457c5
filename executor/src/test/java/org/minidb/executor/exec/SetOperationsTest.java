package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.minidb.executor.exec.OperatorsTest.run;
import static org.minidb.executor.exec.OperatorsTest.values;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.executor.plan.AppendNode;
import org.minidb.executor.plan.SetOpNode;
import org.minidb.executor.plan.ValuesNode;

/** Append and hash set operations; expected multisets from PostgreSQL 15 (row order aside). */
class SetOperationsTest {
  private static final List<DataType> INT = List.of(DataType.INT4);

  private static ValuesNode ints(Integer... xs) {
    return values(INT, Arrays.stream(xs).map(x -> new Object[] {x}).toArray(Object[][]::new));
  }

  private static List<List<Object>> rows(Integer... xs) {
    return Arrays.stream(xs).map(x -> Arrays.asList((Object) x)).toList();
  }

  @Test
  void appendReadsEachInputInTurn() {
    assertEquals(rows(1, 2, 3), run(new AppendNode(List.of(ints(1), ints(), ints(2, 3)), INT)));
  }

  @Test
  void intersectAndExceptCountCopies() {
    // SELECT x FROM (VALUES (1),(1),(1),(2)) v(x) INTERSECT ALL SELECT x FROM (VALUES (1),(1),(3)) w(x): 1, 1
    assertEquals(rows(1, 1), run(new SetOpNode(ints(1, 1, 1, 2), ints(1, 1, 3), SetOpNode.Kind.INTERSECT, true, INT)));
    assertEquals(rows(1), run(new SetOpNode(ints(1, 1, 1, 2), ints(1, 1, 3), SetOpNode.Kind.INTERSECT, false, INT)));
    // ... EXCEPT ALL SELECT 1: 1, 1, 2
    assertEquals(rows(1, 1, 2), run(new SetOpNode(ints(1, 1, 1, 2), ints(1), SetOpNode.Kind.EXCEPT, true, INT)));
    assertEquals(rows(2), run(new SetOpNode(ints(1, 1, 1, 2), ints(1), SetOpNode.Kind.EXCEPT, false, INT)));
  }

  @Test
  void nullsAreEqualInSetOperations() {
    // SELECT x FROM (VALUES (1),(NULL),(NULL),(2)) v(x) EXCEPT SELECT 2: NULL, 1
    assertEquals(rows(1, null), run(new SetOpNode(ints(1, null, null, 2), ints(2), SetOpNode.Kind.EXCEPT, false, INT)));
    assertEquals(rows((Integer) null),
        run(new SetOpNode(ints(null, 1), ints(null, 3), SetOpNode.Kind.INTERSECT, false, INT)));
  }
}
