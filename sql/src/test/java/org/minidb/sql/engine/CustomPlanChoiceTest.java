package org.minidb.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.planner.PlannedStatement;
import org.minidb.planner.StatementKind;

class CustomPlanChoiceTest {
  private static PlannedStatement plan(List<DataType> parameters) {
    return new PlannedStatement(StatementKind.SELECT, null, List.of(), parameters, List.of());
  }

  @Test
  void fiveCustomPlansThenGenericInAuto() {
    CustomPlanChoice choice = new CustomPlanChoice();
    PlannedStatement generic = plan(List.of(DataType.INT4));
    for (int i = 0; i < CustomPlanChoice.CUSTOM_PLANS_FIRST; i++) {
      assertTrue(choice.useCustomPlan("auto", generic), "execution " + (i + 1));
      choice.customPlanMade(plan(List.of()));
    }
    assertFalse(choice.useCustomPlan("auto", generic)); // equal costs: the planning charge favours generic
    assertTrue(choice.useCustomPlan("force_custom_plan", generic));
    assertFalse(new CustomPlanChoice().useCustomPlan("force_generic_plan", generic));
    assertFalse(new CustomPlanChoice().useCustomPlan("force_custom_plan", plan(List.of()))); // no parameters
  }

  @Test
  void inlinesTypedConstantsOutsideStringsAndComments() {
    assertEquals("SELECT a FROM t WHERE id = ('42'::int4) AND s = ('it''s'::text) AND '$1' <> (NULL::numeric) -- $2",
        ParameterInlining.inline("SELECT a FROM t WHERE id = $1 AND s = $2 AND '$1' <> $3 -- $2",
            new Object[] {42, "it's", null}, List.of(DataType.INT4, DataType.TEXT, DataType.NUMERIC)));
    assertEquals("SELECT -('1.50'::numeric)",
        ParameterInlining.inline("SELECT -$1", new Object[] {new BigDecimal("1.50")}, List.of(DataType.NUMERIC)));
    assertNull(ParameterInlining.inline("SELECT $$x$$, $1", new Object[] {1}, List.of(DataType.INT4)));
    assertNull(ParameterInlining.inline("SELECT $2", new Object[] {1}, List.of(DataType.INT4)));
  }
}
