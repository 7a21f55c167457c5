package org.minidb.planner.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * The rule-based phase: sub-queries to correlates, then selections pushed down (into join conditions,
 * below projections and aggregates, onto the scans), then projections merged and removed. The programs are
 * immutable and shared by all threads; each run gets its own {@link HepPlanner}.
 */
public final class LogicalRewrites {
  private LogicalRewrites() {}

  private static final List<RelOptRule> SUB_QUERIES = List.of(
      CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
      CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
      CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);

  private static final List<RelOptRule> PUSH_DOWN = List.of(
      OrFactorPull.INSTANCE,
      CoreRules.FILTER_MERGE,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_INTO_JOIN,
      CoreRules.JOIN_CONDITION_PUSH,
      CoreRules.FILTER_AGGREGATE_TRANSPOSE,
      CoreRules.FILTER_SET_OP_TRANSPOSE);

  private static final List<RelOptRule> PROJECTIONS = List.of(
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE);

  public static final HepProgram SUB_QUERY_PROGRAM = new HepProgramBuilder()
      .addRuleCollection(SUB_QUERIES).build();

  public static final HepProgram PROGRAM = new HepProgramBuilder()
      .addMatchOrder(HepMatchOrder.TOP_DOWN)
      .addRuleCollection(PUSH_DOWN)
      .addRuleCollection(PROJECTIONS)
      .build();

  public static RelNode run(HepProgram program, RelNode rel) {
    HepPlanner hep = new HepPlanner(program);
    hep.setExecutor(NoFoldingRexExecutor.INSTANCE);
    hep.setRoot(rel);
    return hep.findBestExp();
  }
}
