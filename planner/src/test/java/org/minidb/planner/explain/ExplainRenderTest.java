package org.minidb.planner.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;
import org.minidb.executor.exec.instrument.Instrumentation;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.FilterNode;
import org.minidb.executor.plan.ValuesNode;

/** The text and JSON layouts with estimates and actual figures, as PostgreSQL 15 prints them. */
class ExplainRenderTest {
  private static final ValuesNode VALUES = new ValuesNode(List.of(List.of(Exprs.literal(1)), List.of(Exprs.literal(5)),
      List.of(Exprs.literal(9))), List.of(DataType.INT4));
  private static final FilterNode FILTER = new FilterNode(VALUES, (row, c) -> (Integer) row[0] > 4);

  private static ExplainNode tree() {
    return new ExplainNode("Values Scan on \"*VALUES*\"", List.of("Filter: (column1 > 4)"), List.of(),
        new Estimate(0.0, 0.04, 1, 4), FILTER);
  }

  private static Instrumentation run(boolean timing) {
    Instrumentation instr = new Instrumentation(timing, false);
    ExecContext ctx = new ExecContext(null, null, null, new Object[0], ZoneOffset.UTC, Instant.EPOCH, 1 << 20);
    try (Operator op = Executor.build(FILTER, ctx, instr)) {
      op.open();
      for (int i = 0; i < 10 && op.next() != null; i++) { }
    }
    return instr;
  }

  @Test
  void textKeepsCostsAndAddsActuals() {
    assertEquals(List.of("Values Scan on \"*VALUES*\"  (cost=0.00..0.04 rows=1 width=4)", "  Filter: (column1 > 4)"),
        tree().render(true));
    ExplainOptions analyze = new ExplainOptions(true, false, true, false, false, false, "text");
    assertEquals(List.of("Values Scan on \"*VALUES*\"  (cost=0.00..0.04 rows=1 width=4) (actual rows=2 loops=1)",
        "  Filter: (column1 > 4)", "  Rows Removed by Filter: 1"), ExplainText.render(tree(), analyze, run(false)));
    List<String> timed = ExplainText.render(tree(), new ExplainOptions(true, false, false, false, true, false,
        "text"), run(true));
    assertTrue(timed.get(0).matches("Values Scan on \"\\*VALUES\\*\" \\(actual time=\\d+\\.\\d{3}\\.\\.\\d+\\.\\d{3}"
        + " rows=2 loops=1\\)"), timed.get(0));
  }

  @Test
  void jsonAsPostgres() {
    ExplainOptions options = new ExplainOptions(true, false, true, false, false, true, "json");
    String json = ExplainJson.render(tree(), options, run(false), 0.1234, 2.5);
    assertEquals("""
        [
          {
            "Plan": {
              "Node Type": "Values Scan",
              "Parallel Aware": false,
              "Async Capable": false,
              "Alias": "*VALUES*",
              "Startup Cost": 0.00,
              "Total Cost": 0.04,
              "Plan Rows": 1,
              "Plan Width": 4,
              "Actual Rows": 2,
              "Actual Loops": 1,
              "Filter": "(column1 > 4)",
              "Rows Removed by Filter": 1
            },
            "Planning Time": 0.123,
            "Triggers": [
            ],
            "Execution Time": 2.500
          }
        ]""", json);
  }

  @Test
  void titlesReadBack() {
    NodeTitle t = NodeTitle.parse("Index Scan using \"T_pkey\" on \"T\" x");
    assertEquals("Index Scan", t.nodeType());
    assertEquals("T_pkey", t.after().get("Index Name"));
    assertEquals("T", t.after().get("Relation Name"));
    assertEquals("x", t.after().get("Alias"));
    assertEquals("Left", NodeTitle.parse("Hash Left Join").after().get("Join Type"));
    assertEquals("Nested Loop", NodeTitle.parse("Nested Loop Anti Join").nodeType());
    assertEquals("Hashed", NodeTitle.parse("HashAggregate").before().get("Strategy"));
    assertEquals("Delete", NodeTitle.parse("Delete on t").before().get("Operation"));
    assertEquals("Intersect All", NodeTitle.parse("HashSetOp Intersect All").after().get("Command"));
  }
}
