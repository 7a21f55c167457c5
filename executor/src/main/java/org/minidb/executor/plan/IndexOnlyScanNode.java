package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * Index Only Scan (EXPLAIN: {@code Index Only Scan using t_a_idx on t}): the range and condition of {@code scan},
 * with the key values read from the index entries and the heap visited only for pages the visibility map does not
 * mark all-visible. The planner chooses it when the consumer and the condition read only key columns of
 * decodable types. The output keeps {@link IndexScanNode}'s layout (every table column, so the expressions above
 * are the same); the columns that are not in the index come out as null.
 */
public record IndexOnlyScanNode(IndexScanNode scan) implements PlanNode {
  public IndexOnlyScanNode {
    if (scan.withTid()) throw new IllegalArgumentException("an index-only scan has no tuple ids to give");
  }

  @Override
  public List<DataType> outputTypes() { return scan.outputTypes(); }

  @Override
  public List<PlanNode> inputs() { return List.of(); }
}
