package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * {@code left INTERSECT [ALL] right} or {@code left EXCEPT [ALL] right} by hashing (EXPLAIN: {@code HashSetOp
 * Intersect [All]} / {@code Except [All]}). Rows are compared as PostgreSQL's set operations compare them:
 * NULLs are equal to each other. With {@code l} copies of a row on the left and {@code r} on the right the
 * output holds it min(l, r) times (INTERSECT ALL), max(l - r, 0) times (EXCEPT ALL), or once if l > 0 and
 * r > 0 (INTERSECT) / l > 0 and r = 0 (EXCEPT). Both inputs have {@code outputTypes}.
 */
public record SetOpNode(PlanNode left, PlanNode right, Kind kind, boolean all, List<DataType> outputTypes)
    implements PlanNode {
  public enum Kind { INTERSECT, EXCEPT }

  @Override
  public List<PlanNode> inputs() { return List.of(left, right); }
}
