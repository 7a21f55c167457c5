package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.minidb.planner.Rows.row;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SELECT without FROM but with WHERE/HAVING, and current_schema(); every answer is PostgreSQL 15's. */
class WithoutFromTest {
  @Test
  void whereWithoutFrom() {
    assertEquals(List.of(), Rows.of("SELECT 1 WHERE false"));
    assertEquals(List.of(row(1)), Rows.of("SELECT 1 WHERE true"));
    assertEquals(List.of(row(1)), Rows.of("SELECT 1 AS x WHERE 1 = 1 ORDER BY 1"));
    assertEquals(List.of(row(0L)), Rows.of("SELECT count(*) WHERE false"));
    assertEquals(List.of(row(1)), Rows.of("SELECT 1 WHERE EXISTS (SELECT 1)"));
    assertEquals(List.of(), Rows.of("SELECT 1 HAVING false"));
  }

  @Test
  void currentSchemaWithParentheses() {
    assertEquals(List.of(row("public")), Rows.of("SELECT current_schema()"));
    PlannedStatement p = (PlannedStatement) new Planner().prepare("SELECT current_schema()", TestCatalog.INSTANCE,
        List.of());
    assertEquals("current_schema", p.columns().get(0).name());
  }
}
