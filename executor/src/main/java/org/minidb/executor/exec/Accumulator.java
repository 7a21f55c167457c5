package org.minidb.executor.exec;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.expr.NumericMath;
import org.minidb.executor.plan.AggregateCall;

/**
 * The running state of one aggregate in one group. Aggregates other than count ignore NULL inputs and yield
 * NULL over no input, as in PostgreSQL: sum of int2/int4 is int8, of int8 and numeric is numeric; avg of
 * integers and numeric is numeric with the scale of numeric division (avg(1,2) = 1.5000000000000000), of
 * floats float8.
 */
abstract class Accumulator {
  /** Adds one input value (the argument column, or null for count(*)). */
  abstract void add(Object v);

  abstract Object result();

  /** A factory of fresh accumulators for an aggregate call, resolved once per plan execution. */
  static Supplier<Accumulator> factory(AggregateCall call) {
    Supplier<Accumulator> plain = plainFactory(call);
    if (!call.distinct() || call.argument() < 0) return plain;
    PgType t = call.argumentType().type();
    return () -> new Distinct(plain.get(), t);
  }

  private static Supplier<Accumulator> plainFactory(AggregateCall call) {
    String f = call.function();
    PgType result = call.resultType().type();
    PgType arg = call.argumentType() == null ? null : call.argumentType().type();
    return switch (f) {
      case "count" -> call.argument() < 0 ? CountStar::new : Count::new;
      case "sum" -> switch (result) {
        case INT8 -> SumLong::new;
        case NUMERIC -> () -> new SumNumeric(false);
        case FLOAT8, FLOAT4 -> () -> new SumDouble(result, false);
        case INT4, INT2 -> SumLong::new; // a planner that kept the argument type: still exact, boxed at the end
        default -> throw unsupported(call);
      };
      case "avg" -> switch (result) {
        case NUMERIC -> () -> new SumNumeric(true);
        case FLOAT8, FLOAT4 -> () -> new SumDouble(result, true);
        default -> throw unsupported(call);
      };
      case "min", "max" -> {
        Comparator<Object> cmp = ValueComparator.forType(arg);
        int sign = f.equals("max") ? 1 : -1;
        yield () -> new Extreme(cmp, sign);
      }
      case "string_agg" -> () -> new StringAgg(call.orderBy());
      default -> throw unsupported(call);
    };
  }

  private static DbException unsupported(AggregateCall call) {
    return DbException.of(SqlState.UNDEFINED_FUNCTION, "function " + call.function() + "("
        + (call.argumentType() == null ? "*" : call.argumentType().formatType()) + ") does not exist");
  }

  private static final class CountStar extends Accumulator {
    long n;
    @Override void add(Object v) { n++; }
    @Override Object result() { return n; }
  }

  private static final class Count extends Accumulator {
    long n;
    @Override void add(Object v) { if (v != null) n++; }
    @Override Object result() { return n; }
  }

  private static final class SumLong extends Accumulator {
    long sum;
    boolean any;
    @Override void add(Object v) {
      if (v == null) return;
      try {
        sum = Math.addExact(sum, ((Number) v).longValue());
      } catch (ArithmeticException e) {
        throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range", e);
      }
      any = true;
    }
    @Override Object result() { return any ? sum : null; }
  }

  private static final class SumNumeric extends Accumulator {
    final boolean average;
    BigDecimal sum = BigDecimal.ZERO;
    long n;
    SumNumeric(boolean average) { this.average = average; }
    @Override void add(Object v) {
      if (v == null) return;
      sum = sum.add(v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue()));
      n++;
    }
    @Override Object result() {
      if (n == 0) return null;
      return average ? NumericMath.divide(sum, BigDecimal.valueOf(n)) : sum;
    }
  }

  private static final class SumDouble extends Accumulator {
    final PgType result;
    final boolean average;
    double sum;
    long n;
    SumDouble(PgType result, boolean average) {
      this.result = result;
      this.average = average;
    }
    @Override void add(Object v) {
      if (v == null) return;
      double x = ((Number) v).doubleValue();
      double s = result == PgType.FLOAT4 && !average ? (float) ((float) sum + (float) x) : sum + x;
      if (Double.isInfinite(s) && !Double.isInfinite(sum) && !Double.isInfinite(x)) {
        throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
      }
      sum = s;
      n++;
    }
    @Override Object result() {
      if (n == 0) return null;
      double r = average ? sum / n : sum;
      return result == PgType.FLOAT4 ? (Object) (float) r : (Object) r;
    }
  }

  private static final class Extreme extends Accumulator {
    final Comparator<Object> cmp;
    final int sign;
    Object best;
    Extreme(Comparator<Object> cmp, int sign) {
      this.cmp = cmp;
      this.sign = sign;
    }
    @Override void add(Object v) {
      if (v != null && (best == null || sign * cmp.compare(v, best) > 0)) best = v;
    }
    @Override Object result() { return best; }
  }

  /** DISTINCT: passes each distinct non-null value (by PostgreSQL's equality) to the inner accumulator once. */
  private static final class Distinct extends Accumulator {
    final Accumulator inner;
    final PgType type;
    final Set<Object> seen = new HashSet<>();
    Distinct(Accumulator inner, PgType type) {
      this.inner = inner;
      this.type = type;
    }
    @Override void add(Object v) {
      if (v != null && seen.add(ValueComparator.hashKey(type, v))) inner.add(v);
    }
    @Override Object result() { return inner.result(); }
  }

}
