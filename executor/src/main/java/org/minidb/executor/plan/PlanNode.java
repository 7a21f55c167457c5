package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * An immutable node of an executable plan. Plans are built by the planner, cached and shared between
 * executions and backends; {@link org.minidb.executor.exec.Executor} instantiates Volcano operators
 * (open / next / close) from them for each execution.
 *
 * <p>Every node produces rows as {@code Object[]} whose layout is {@link #outputTypes()}. Column references
 * inside expressions are indexes into the input row (for joins: the left row followed by the right row).
 */
public sealed interface PlanNode
    permits LockRowsNode, SeqScanNode, IndexScanNode, IndexOnlyScanNode, FilterNode, ProjectNode, ValuesNode, SortNode, LimitNode, AggregateNode,
        NestedLoopJoinNode, HashJoinNode, InsertNode, UpdateNode, DeleteNode, AppendNode, SetOpNode,
        GenerateSeriesNode, UniqueNode, ExplainAnalyzeNode, MergeJoinNode, GroupAggregateNode {
  List<DataType> outputTypes();

  List<PlanNode> inputs();
}
