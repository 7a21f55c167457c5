package org.minidb.planner.stats;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.IntFunction;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;
import org.minidb.common.types.PgType;

/**
 * {@code SEARCH(column, Sarg)}: Calcite's form of IN lists, NOT IN, {@code <>}, BETWEEN and merged ranges.
 * Points are summed as PostgreSQL's scalararraysel sums {@code = ANY} (the elements are distinct, so the events
 * are disjoint); {@code NOT IN} / {@code <>} take the points' share off the non-null rows ({@code <> ALL}); each
 * range is estimated as a pair of bounds (see {@link Selectivity#range}).
 */
final class SargSelectivity {
  private SargSelectivity() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static double search(RexCall call, IntFunction<ColumnStats> columns) {
    RexInputRef ref = Selectivity.column(call.getOperands().get(0));
    if (ref == null || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
      return ScalarSelectivity.DEFAULT_UNKNOWN_CLAUSE;
    }
    return search((Sarg) lit.getValueAs(Sarg.class), columns.apply(ref.getIndex()));
  }

  private static <C extends Comparable<C>> double search(Sarg<C> sarg, ColumnStats column) {
    double s;
    if (sarg.isComplementedPoints()) {
      s = 1.0;
      for (Range<C> r : sarg.rangeSet.complement().asRanges()) {
        s -= ScalarSelectivity.eqConst(column, value(r.lowerEndpoint(), column.type())) + column.nullFrac();
      }
      if (s < 0 || s > 1) s = 1.0 - column.nullFrac() - ScalarSelectivity.DEFAULT_EQ_SEL;
    } else {
      s = 0;
      for (Range<C> r : sarg.rangeSet.asRanges()) s += range(r, column);
    }
    if (sarg.nullAs == RexUnknownAs.TRUE) s += ScalarSelectivity.isNull(column, false);
    return ScalarSelectivity.clamp(s);
  }

  private static <C extends Comparable<C>> double range(Range<C> r, ColumnStats column) {
    boolean hasLo = r.hasLowerBound();
    boolean hasHi = r.hasUpperBound();
    if (hasLo && hasHi && r.lowerEndpoint().equals(r.upperEndpoint())) {
      return ScalarSelectivity.eqConst(column, value(r.lowerEndpoint(), column.type()));
    }
    double lo = hasLo ? ScalarSelectivity.inequality(column, true, r.lowerBoundType() == BoundType.CLOSED,
        value(r.lowerEndpoint(), column.type())) : Double.NaN;
    double hi = hasHi ? ScalarSelectivity.inequality(column, false, r.upperBoundType() == BoundType.CLOSED,
        value(r.upperEndpoint(), column.type())) : Double.NaN;
    if (hasLo && hasHi) return Selectivity.range(lo, hi, column);
    if (hasLo) return lo;
    if (hasHi) return hi;
    return 1.0 - column.nullFrac();
  }

  /** A Sarg endpoint as the executor's value of the column's type. */
  static Object value(Comparable<?> c, PgType type) {
    return switch (c) {
      case NlsString s -> s.getValue();
      case DateString d -> LocalDate.parse(d.toString());
      case TimestampString t -> {
        LocalDateTime ts = LocalDateTime.parse(t.toString().replace(' ', 'T'));
        yield type == PgType.TIMESTAMPTZ ? ts.toInstant(ZoneOffset.UTC) : ts;
      }
      default -> c;
    };
  }
}
