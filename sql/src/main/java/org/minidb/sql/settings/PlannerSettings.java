package org.minidb.sql.settings;

import java.util.EnumSet;
import org.minidb.planner.cost.CostParameters;

/**
 * The settings the planner reads, gathered into the {@link CostParameters} of a planning call: the cost
 * constants, effective_cache_size, work_mem and the {@code enable_*} switches the planner knows
 * ({@link CostParameters.Method}; the other enable_* settings are accepted and change nothing, as the plans they
 * govern do not exist here).
 */
final class PlannerSettings {
  private PlannerSettings() {}

  /** Whether a change of {@code name} changes the planner's parameters. */
  static boolean affectsPlanner(String name) {
    return name.endsWith("_cost") || name.startsWith("enable_") || name.equals("effective_cache_size")
        || name.equals("work_mem");
  }

  static CostParameters of(SessionSettings s) {
    EnumSet<CostParameters.Method> disabled = EnumSet.noneOf(CostParameters.Method.class);
    for (CostParameters.Method m : CostParameters.Method.values()) {
      if (s.get(m.settingName()).equals("off")) disabled.add(m);
    }
    CostParameters p = new CostParameters(real(s, "seq_page_cost"), real(s, "random_page_cost"),
        real(s, "cpu_tuple_cost"), real(s, "cpu_index_tuple_cost"), real(s, "cpu_operator_cost"),
        s.getLong("effective_cache_size") / (double) CostParameters.BLOCK_SIZE, s.getLong("work_mem"), disabled);
    // One shared instance for the defaults: cheap to compare in the plan cache's key.
    return p.equals(CostParameters.DEFAULTS) ? CostParameters.DEFAULTS : p;
  }

  private static double real(SessionSettings s, String name) {
    return SettingDefinitions.get(name).realValue(s.get(name));
  }
}
