package org.minidb.executor.exec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.Interval;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.GenerateSeriesNode;

/**
 * Streams {@code generate_series}: one value per {@code next()}, computed from the previous one, so that a
 * series of any length needs constant memory. As PostgreSQL: a NULL argument gives no rows, a zero step
 * fails with 22023, the series stops before passing {@code stop} (or before overflowing the type).
 */
final class GenerateSeriesOperator implements Operator {
  private static final Object[] EMPTY = new Object[0];
  private final GenerateSeriesNode node;
  private final ExecContext ctx;
  private final PgType type;
  private final Object[] row = new Object[1];
  private Object current;
  private Object stop;
  private Object step;
  /** The sign of the step: 1 counts up, -1 down. */
  private int direction;
  private boolean done;

  GenerateSeriesOperator(GenerateSeriesNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
    this.type = node.type().type();
  }

  @Override
  public void open() {
    current = node.start().eval(EMPTY, ctx);
    stop = node.stop().eval(EMPTY, ctx);
    step = node.step() == null ? defaultStep() : node.step().eval(EMPTY, ctx);
    done = current == null || stop == null || step == null;
    if (done) return;
    direction = switch (type) {
      case INT4, INT8 -> Long.signum(((Number) step).longValue());
      case NUMERIC -> ((BigDecimal) step).signum();
      default -> ((Interval) step).compareTo(Interval.ZERO);
    };
    if (direction == 0) throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
  }

  private Object defaultStep() {
    return switch (type) {
      case INT4 -> 1;
      case INT8 -> 1L;
      case NUMERIC -> BigDecimal.ONE;
      default -> throw DbException.of(SqlState.UNDEFINED_FUNCTION,
          "function generate_series(" + node.type() + ", " + node.type() + ") does not exist");
    };
  }

  @Override
  public Object[] next() {
    if (done || compare(current, stop) * direction > 0) return null;
    row[0] = current;
    advance();
    return row;
  }

  private void advance() {
    switch (type) {
      case INT4 -> {
        long n = ((Integer) current).longValue() + ((Integer) step);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) done = true;
        else current = (int) n;
      }
      case INT8 -> {
        long c = (Long) current;
        long s = (Long) step;
        long n = c + s;
        if (((c ^ n) & (s ^ n)) < 0) done = true; // overflow: the series ends
        else current = n;
      }
      case NUMERIC -> current = ((BigDecimal) current).add((BigDecimal) step);
      case TIMESTAMP -> current = Exprs.addInterval((LocalDateTime) current, (Interval) step);
      case TIMESTAMPTZ -> current = Exprs.addInterval((Instant) current, (Interval) step, ctx.timeZone());
      default -> throw new IllegalStateException("generate_series over " + type);
    }
  }

  @SuppressWarnings("unchecked")
  private int compare(Object a, Object b) {
    if (a instanceof Integer x) return Integer.compare(x, (Integer) b);
    if (a instanceof Long x) return Long.compare(x, (Long) b);
    return ((Comparable<Object>) a).compareTo(b);
  }

  @Override
  public void close() {
    current = null;
  }
}
