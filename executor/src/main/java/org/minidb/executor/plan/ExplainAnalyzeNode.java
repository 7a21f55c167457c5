package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.exec.instrument.Instrumentation;

/**
 * EXPLAIN ANALYZE of {@code statement}: running it runs the statement to the end with instrumented operators
 * (its changes happen, in the caller's transaction, as in PostgreSQL), then yields the rows {@code report}
 * renders from the figures: one text line per row, or one JSON document. The planner supplies the report (it
 * knows how the plan is shown); the executor only measures.
 *
 * @param timing measure times per node (EXPLAIN's TIMING)
 * @param buffers count buffer accesses per node (EXPLAIN's BUFFERS)
 * @param outputType the type of the one output column (text, or json)
 */
public record ExplainAnalyzeNode(PlanNode statement, boolean timing, boolean buffers, DataType outputType,
    Report report) implements PlanNode {

  /** Renders the output once the statement has run. */
  @FunctionalInterface
  public interface Report {
    /**
     * @param executionNanos the statement's time from the start of its execution to the end of its close
     */
    List<String> render(Instrumentation instrumentation, long executionNanos);
  }

  @Override
  public List<DataType> outputTypes() { return List.of(outputType); }

  @Override
  public List<PlanNode> inputs() { return List.of(statement); }
}
