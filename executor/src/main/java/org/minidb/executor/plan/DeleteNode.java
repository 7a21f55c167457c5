package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.storage.catalog.TableDef;

/**
 * Deletes rows: the last column of each source row is the tid of the version to delete (int8).
 * Produces no rows; counts into the context.
 */
public record DeleteNode(TableDef table, PlanNode source) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return List.of(); }

  @Override
  public List<PlanNode> inputs() { return List.of(source); }
}
