package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.minidb.executor.expr.Exprs.literal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.IntervalText;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.GenerateSeriesNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.UniqueNode;
import org.minidb.executor.plan.ValuesNode;

/** generate_series, Unique (DISTINCT ON) and string_agg; expected results are PostgreSQL 15's. */
class SeriesUniqueStringAggTest {
  private static List<Object> series(DataType type, Object start, Object stop, Object step) {
    return OperatorsTest.column(OperatorsTest.run(new GenerateSeriesNode(literal(start), literal(stop),
        step == null ? null : literal(step), type)), 0);
  }

  @Test
  void seriesOfEachType() {
    assertEquals(List.of(1, 4, 7, 10), series(DataType.INT4, 1, 10, 3));
    assertEquals(List.of(5, 3, 1), series(DataType.INT4, 5, 1, -2));
    assertEquals(List.of(), series(DataType.INT4, 5, 1, null));
    assertEquals(List.of(2147483646, 2147483647), series(DataType.INT4, 2147483646, 2147483647, null));
    assertEquals(List.of(Long.MAX_VALUE - 1, Long.MAX_VALUE), series(DataType.INT8, Long.MAX_VALUE - 1, Long.MAX_VALUE, null));
    assertEquals(List.of(new BigDecimal("1.0"), new BigDecimal("1.5"), new BigDecimal("2.0")),
        series(DataType.NUMERIC, new BigDecimal("1.0"), new BigDecimal("2"), new BigDecimal("0.5")));
    assertEquals(List.of(LocalDateTime.of(2024, 1, 31, 0, 0), LocalDateTime.of(2024, 2, 29, 0, 0),
            LocalDateTime.of(2024, 3, 29, 0, 0), LocalDateTime.of(2024, 4, 29, 0, 0)),
        series(DataType.TIMESTAMP, LocalDateTime.of(2024, 1, 31, 0, 0), LocalDateTime.of(2024, 5, 1, 0, 0),
            IntervalText.parse("1 month")));
    assertEquals(List.of(), series(DataType.INT4, null, 3, null));
    DbException e = assertThrows(DbException.class, () -> series(DataType.INT4, 1, 3, 0));
    assertEquals("step size cannot equal zero", e.getMessage());
  }

  @Test
  void aLongSeriesIsCountedWithoutKeepingRows() {
    AggregateNode count = new AggregateNode(new GenerateSeriesNode(literal(1L), literal(3_000_000L), null, DataType.INT8),
        new int[0], List.of(new AggregateCall("count", -1, false, null, DataType.INT8)), List.of(DataType.INT8));
    assertEquals(List.of(3_000_000L), OperatorsTest.column(OperatorsTest.run(count), 0));
  }

  @Test
  void uniqueKeepsTheFirstRowOfEachGroup() {
    ValuesNode v = OperatorsTest.values(List.of(DataType.INT4, DataType.TEXT), new Object[] {1, "x"},
        new Object[] {1, "y"}, new Object[] {null, "n"}, new Object[] {2, "z"}, new Object[] {null, "m"});
    SortNode sorted = new SortNode(v, List.of(new SortKey(0, DataType.INT4, false, false),
        new SortKey(1, DataType.TEXT, false, false)));
    List<List<Object>> rows = OperatorsTest.run(new UniqueNode(sorted, new int[] {0}));
    assertEquals(List.of(Arrays.asList(1, "x"), Arrays.asList(2, "z"), Arrays.asList(null, "m")), rows);
  }

  @Test
  void stringAggInOrderSkippingNulls() {
    ValuesNode v = OperatorsTest.values(List.of(DataType.TEXT, DataType.INT4), new Object[] {"a", 3},
        new Object[] {"b", 1}, new Object[] {null, 2}, new Object[] {"c", null});
    ProjectNode packed = new ProjectNode(v, List.of(Exprs.stringAggInput(Exprs.column(0), literal(","),
        List.of(Exprs.column(1)))), List.of(DataType.TEXT));
    AggregateCall ordered = new AggregateCall("string_agg", 0, false, DataType.TEXT, DataType.TEXT,
        List.of(new SortKey(2, DataType.INT4, true, true)));
    AggregateCall plain = new AggregateCall("string_agg", 0, false, DataType.TEXT, DataType.TEXT);
    AggregateNode agg = new AggregateNode(packed, new int[0], List.of(ordered, plain),
        List.of(DataType.TEXT, DataType.TEXT));
    // PostgreSQL: string_agg(v, ',' ORDER BY k DESC) = 'c,a,b' (NULLs first when descending); unordered: a,b,c.
    assertEquals(List.of(List.of("c,a,b", "a,b,c")), OperatorsTest.run(agg));
  }
}
