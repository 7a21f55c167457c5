package org.minidb.sql.engine;

import org.minidb.planner.PlannedStatement;

/**
 * PostgreSQL 15's choice between a custom and a generic plan for one named prepared statement (plancache.c's
 * choose_custom_plan), kept per statement and reset when it is re-planned after DDL.
 *
 * <p>A <em>generic</em> plan is the one planned at Parse with the parameters as {@code $n}: shared through the plan
 * cache, executed with no planner work at all. A <em>custom</em> plan is planned again at each execution with the
 * bound values in place of the parameters (as typed constants, see {@link ParameterInlining}), so the planner can
 * fold them and, with statistics, choose by their selectivity. The rule, as PostgreSQL's: no parameters, generic;
 * {@code plan_cache_mode} {@code force_generic_plan} / {@code force_custom_plan} decide alone; otherwise the first
 * five executions are custom, and later ones generic when the generic plan's cost is below the custom plans' average
 * cost, each custom cost including a charge for planning ({@code 1000 * cpu_operator_cost * (relations + 1)}).
 *
 * <p>Costs are the plans' estimated total costs from the cost model: a generic plan that costs about what the
 * custom plans did wins from the sixth execution (the planning charge tips it), one that is much worse for the
 * values in use (a skewed column the generic estimate cannot see) keeps the custom plans, as in PostgreSQL.
 */
public final class CustomPlanChoice {
  /** PostgreSQL's number of custom plans made before a generic one is considered. */
  public static final int CUSTOM_PLANS_FIRST = 5;
  private static final double CPU_OPERATOR_COST = 0.0025;

  private int customPlans;
  private double totalCustomCost;

  /** Whether the next execution should use a custom plan. */
  public synchronized boolean useCustomPlan(String planCacheMode, PlannedStatement generic) {
    if (generic.parameterTypes().isEmpty()) return false;
    if (planCacheMode.equals("force_generic_plan")) return false;
    if (planCacheMode.equals("force_custom_plan")) return true;
    if (customPlans < CUSTOM_PLANS_FIRST) return true;
    return !(cost(generic) < totalCustomCost / customPlans);
  }

  /** Counts a custom plan made for an execution. */
  public synchronized void customPlanMade(PlannedStatement custom) {
    customPlans++;
    totalCustomCost += cost(custom) + 1000 * CPU_OPERATOR_COST * (1 + 1); // one relation assumed
  }

  /** The number of custom plans made so far (tests, diagnostics). */
  public synchronized int customPlans() { return customPlans; }

  /** A plan's estimated total cost (its top node's, as EXPLAIN shows it); 0 for a plan without estimates. */
  static double cost(PlannedStatement plan) {
    var tree = plan.explainTree();
    return tree == null || tree.estimate() == null ? 0 : tree.estimate().totalCost();
  }
}
