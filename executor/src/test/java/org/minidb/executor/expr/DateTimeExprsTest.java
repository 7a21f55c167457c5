package org.minidb.executor.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.common.types.IntervalText;
import org.minidb.executor.exec.ExecContext;

/** Date/time operators and functions with PostgreSQL 15's answers (recorded with psql). */
class DateTimeExprsTest {
  private static final ExecContext NEW_YORK = new ExecContext(null, null, null, new Object[0],
      ZoneId.of("America/New_York"), Instant.parse("2024-05-17T12:00:00Z"), 1 << 20);

  private static Object eval(Expr e) { return e.eval(new Object[0], NEW_YORK); }

  private static Object op(ArithmeticOp op, Object l, DataType lt, Object r, DataType rt) {
    return eval(Exprs.arithmetic(op, Exprs.literal(l), lt, Exprs.literal(r), rt, null));
  }

  @Test
  void resultTypesAsPostgresql() {
    assertEquals(DataType.TIMESTAMP, Exprs.arithmeticResultType(ArithmeticOp.ADD, DataType.DATE, DataType.INTERVAL));
    assertEquals(DataType.INT4, Exprs.arithmeticResultType(ArithmeticOp.SUBTRACT, DataType.DATE, DataType.DATE));
    assertEquals(DataType.INTERVAL,
        Exprs.arithmeticResultType(ArithmeticOp.SUBTRACT, DataType.TIMESTAMPTZ, DataType.TIMESTAMPTZ));
    assertEquals(DataType.INTERVAL, Exprs.arithmeticResultType(ArithmeticOp.MULTIPLY, DataType.INT4, DataType.INTERVAL));
    assertEquals(null, Exprs.arithmeticResultType(ArithmeticOp.ADD, DataType.INTERVAL, DataType.INT4));
  }

  @Test
  void arithmetic() {
    assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), op(ArithmeticOp.ADD, LocalDate.of(2024, 1, 31), DataType.DATE,
        IntervalText.parse("1 month"), DataType.INTERVAL));
    assertEquals("59 days 23:00:00", op(ArithmeticOp.SUBTRACT, LocalDateTime.of(2024, 3, 1, 0, 0), DataType.TIMESTAMP,
        LocalDateTime.of(2024, 1, 1, 1, 0), DataType.TIMESTAMP).toString());
    // Across the spring-forward change: a day keeps the wall clock, 24 hours do not.
    Instant noon = Instant.parse("2024-03-09T17:00:00Z");
    assertEquals(Instant.parse("2024-03-10T16:00:00Z"),
        op(ArithmeticOp.ADD, noon, DataType.TIMESTAMPTZ, IntervalText.parse("1 day"), DataType.INTERVAL));
    assertEquals(Instant.parse("2024-03-10T17:00:00Z"),
        op(ArithmeticOp.ADD, noon, DataType.TIMESTAMPTZ, IntervalText.parse("24 hours"), DataType.INTERVAL));
  }

  @Test
  void functions() {
    List<DataType> textTs = List.of(DataType.TEXT, DataType.TIMESTAMP);
    LocalDateTime t = LocalDateTime.of(2024, 1, 1, 10, 11, 12, 500_000_000);
    assertEquals(new BigDecimal("12.500000"), eval(Exprs.function("extract",
        List.of(Exprs.literal("second"), Exprs.literal(t)), textTs, null)));
    assertEquals(new BigDecimal("1704103872.500000"), eval(Exprs.function("extract",
        List.of(Exprs.literal("epoch"), Exprs.literal(t)), textTs, null)));
    assertEquals(12.5, eval(Exprs.function("date_part", List.of(Exprs.literal("second"), Exprs.literal(t)), textTs, null)));
    assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), eval(Exprs.function("date_trunc",
        List.of(Exprs.literal("month"), Exprs.literal(t)), textTs, null)));
    assertEquals("1 mon 2 days", eval(Exprs.function("age", List.of(Exprs.literal(LocalDateTime.of(2024, 3, 31, 0, 0)),
        Exprs.literal(LocalDateTime.of(2024, 2, 29, 0, 0))), List.of(DataType.TIMESTAMP, DataType.TIMESTAMP), null))
        .toString());
    assertEquals("-9 mons -16 days -12:00:00", eval(Exprs.function("age", List.of(
        Exprs.literal(LocalDateTime.of(2023, 3, 15, 12, 0)), Exprs.literal(LocalDateTime.of(2024, 1, 1, 0, 0))),
        List.of(DataType.TIMESTAMP, DataType.TIMESTAMP), null)).toString());
  }
}
