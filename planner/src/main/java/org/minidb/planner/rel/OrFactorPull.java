package org.minidb.planner.rel;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Pulls the conjuncts common to every arm of an OR out of it, as PostgreSQL's {@code process_duplicate_ors}
 * does: {@code (a = b AND x) OR (a = b AND y)} becomes {@code a = b AND (x OR y)}. Then the pushdown rules see
 * {@code a = b} as a join key (TPC-H q19 joins lineitem and part only through such an OR, which otherwise
 * runs as a nested loop over the cross product). Distributivity holds in three-valued logic, so the rewrite
 * keeps NULL semantics.
 *
 * <p>Invariant: the rule transforms only when the condition changes, so the Hep planner reaches a fixpoint.
 */
final class OrFactorPull extends RelOptRule {
  static final OrFactorPull INSTANCE = new OrFactorPull();

  @SuppressWarnings("deprecation") // the operand-based constructor: no Immutables config needed for one rule
  private OrFactorPull() {
    super(operand(Filter.class, any()), "OrFactorPull");
  }

  @Override
  public boolean matches(RelOptRuleCall call) {
    return RexUtil.findOperatorCall(SqlStdOperatorTable.OR, ((Filter) call.rel(0)).getCondition()) != null;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    RexNode pulled = RexUtil.pullFactors(filter.getCluster().getRexBuilder(), filter.getCondition());
    if (!pulled.equals(filter.getCondition())) {
      call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), pulled));
    }
  }
}
