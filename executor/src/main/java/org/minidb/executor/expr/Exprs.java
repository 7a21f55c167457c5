package org.minidb.executor.expr;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/**
 * The building blocks the planner compiles scalar expressions into. Each method resolves the type-specific
 * implementation when it is called (once per plan) and returns an {@link Expr} that evaluates it per row.
 * Semantics are PostgreSQL's: NULL in gives NULL out unless said otherwise, errors carry PostgreSQL's
 * SQLSTATE and message.
 *
 * <p>Callers pass operands that already have the operator's type (the planner inserts casts): for
 * {@link #compare} both sides are of {@code type}; for {@link #arithmetic} both are of {@code resultType},
 * except for date arithmetic (see there).
 */
public final class Exprs {
  private Exprs() {}

  // ---- leaves ----

  public static Expr column(int index) { return new ColumnRef(index); }

  public static Expr literal(Object value) { return new Literal(value); }

  /** A bound parameter; {@code index} is 0-based ({@code $1} is 0), read through {@code ctx.parameter}. */
  public static Expr parameter(int index) { return new ParameterRef(index); }

  /** An executor parameter (PARAM_EXEC), set by a Nested Loop from its outer row before each inner rescan. */
  public static Expr execParam(int slot) { return new ExecParamRef(slot); }

  // ---- boolean logic (three-valued) ----

  public static Expr and(List<Expr> args) { return BoolExprs.and(args); }

  public static Expr or(List<Expr> args) { return BoolExprs.or(args); }

  public static Expr not(Expr arg) { return BoolExprs.not(arg); }

  public static Expr isNull(Expr arg) { return BoolExprs.isNull(arg); }

  public static Expr isNotNull(Expr arg) { return BoolExprs.isNotNull(arg); }

  public static Expr isTrue(Expr arg) { return BoolExprs.isTrue(arg); }

  public static Expr isFalse(Expr arg) { return BoolExprs.isFalse(arg); }

  public static Expr isNotTrue(Expr arg) { return BoolExprs.isNotTrue(arg); }

  public static Expr isNotFalse(Expr arg) { return BoolExprs.isNotFalse(arg); }

  public static Expr isDistinctFrom(Expr left, Expr right, PgType type) {
    return BoolExprs.isDistinctFrom(left, right, type);
  }

  public static Expr isNotDistinctFrom(Expr left, Expr right, PgType type) {
    return BoolExprs.not(BoolExprs.isDistinctFrom(left, right, type));
  }

  // ---- comparison and arithmetic ----

  /** {@code left op right} with PostgreSQL's ordering of {@code type}; NULL if either side is NULL. */
  public static Expr compare(CompareOp op, Expr left, Expr right, PgType type) {
    return Comparisons.compare(op, left, right, type);
  }

  /**
   * {@code left op right} computed in {@code resultType} (int2/int4/int8, float4/float8, numeric). Date
   * arithmetic: with a {@code date} result, one side is a date and the other an integer (date + n, n + date,
   * date - n); {@code date - date} has an {@code integer} result (use the overload with operand types).
   */
  public static Expr arithmetic(ArithmeticOp op, Expr left, Expr right, DataType resultType) {
    return Arithmetic.build(op, left, null, right, null, resultType);
  }

  /** Arithmetic with the operand types known (needed to tell date - date from int - int). */
  public static Expr arithmetic(ArithmeticOp op, Expr left, DataType leftType, Expr right, DataType rightType,
      DataType resultType) {
    return Arithmetic.build(op, left, leftType, right, rightType, resultType);
  }

  /**
   * The result type of PostgreSQL's {@code left op right} where an operand is a date, timestamp, timestamptz
   * or interval ({@code date - date} is integer, {@code date + interval} timestamp, ...), or null if there is
   * no such operator; null too when neither operand is one of these.
   */
  public static DataType arithmeticResultType(ArithmeticOp op, DataType left, DataType right) {
    if (!DateTimeArithmetic.applies(left, right)) return null;
    PgType t = DateTimeArithmetic.resultType(op, left.type(), right.type());
    return t == null ? null : DataType.of(t);
  }

  /** timestamp + interval, as the {@code +} operator computes it. */
  public static java.time.LocalDateTime addInterval(java.time.LocalDateTime t, org.minidb.common.types.Interval iv) {
    return DateTimeArithmetic.plus(t, iv, false);
  }

  /** timestamptz + interval in {@code zone} (months and days move the local time), as {@code +} does. */
  public static java.time.Instant addInterval(java.time.Instant t, org.minidb.common.types.Interval iv,
      java.time.ZoneId zone) {
    return DateTimeArithmetic.plus(t, iv, false, zone);
  }

  /** Unary minus in {@code type}. */
  public static Expr negate(Expr arg, DataType type) { return Arithmetic.negate(arg, type.type()); }

  // ---- casts ----

  /**
   * {@code CAST(arg AS to)} ({@code explicit}) or an assignment/implicit coercion ({@code !explicit}: char(n)
   * and varchar(n) then raise 22001 instead of truncating). Applies {@code to}'s typmod.
   */
  public static Expr cast(Expr arg, DataType from, DataType to, boolean explicit) {
    return Casts.cast(arg, from, to, explicit);
  }

  // ---- conditionals and strings ----

  /** CASE WHEN c1 THEN r1 ... ELSE e END; {@code elseResult} null means ELSE NULL. */
  public static Expr caseWhen(List<Expr> conditions, List<Expr> results, Expr elseResult) {
    return Conditionals.caseWhen(conditions, results, elseResult);
  }

  public static Expr coalesce(List<Expr> args) { return Conditionals.coalesce(args); }

  /** NULLIF(a, b): NULL when a = b (in {@code type}), else a. */
  public static Expr nullIf(Expr left, Expr right, PgType type) { return Conditionals.nullIf(left, right, type); }

  /** GREATEST / LEAST over arguments of {@code type}, ignoring NULLs as PostgreSQL does. */
  public static Expr greatest(List<Expr> args, PgType type) { return Conditionals.extreme(args, type, true); }

  public static Expr least(List<Expr> args, PgType type) { return Conditionals.extreme(args, type, false); }

  /** {@code value [I]LIKE pattern} with {@code \} as the escape character, {@code %} and {@code _}. */
  public static Expr like(Expr value, Expr pattern, boolean caseInsensitive) {
    return Like.like(value, pattern, caseInsensitive, "\\");
  }

  /** LIKE with an explicit ESCAPE character ({@code ""} for none). */
  public static Expr like(Expr value, Expr pattern, boolean caseInsensitive, String escape) {
    return Like.like(value, pattern, caseInsensitive, escape);
  }

  /** {@code ||} on two text values; NULL if either is NULL. */
  public static Expr concat(Expr left, Expr right) { return StringFunctions.concatOperator(left, null, right, null); }

  /**
   * {@code ||} where an operand may be of another type (PostgreSQL converts it with its output function;
   * char(n) loses its trailing spaces).
   */
  public static Expr concat(Expr left, DataType leftType, Expr right, DataType rightType) {
    return StringFunctions.concatOperator(left, leftType, right, rightType);
  }

  /** The packed argument {value, delimiter, keys...} string_agg's accumulator reads (one row's). */
  public static Expr stringAggInput(Expr value, Expr delimiter, List<Expr> orderKeys) {
    Expr[] keys = orderKeys.toArray(Expr[]::new);
    return (row, ctx) -> {
      Object[] p = new Object[2 + keys.length];
      p[0] = value.eval(row, ctx);
      p[1] = delimiter.eval(row, ctx);
      for (int i = 0; i < keys.length; i++) p[2 + i] = keys[i].eval(row, ctx);
      return p;
    };
  }

  // ---- functions ----

  /**
   * A call of the PostgreSQL function {@code name} (case-insensitive) with arguments of {@code argTypes}.
   * Arguments are coerced implicitly as PostgreSQL would (integers widen, any string type to text); the
   * result is cast to {@code resultType} if that differs from the function's own result type (null: keep).
   *
   * @throws org.minidb.common.error.DbException 42883 {@code function f(integer) does not exist}
   */
  public static Expr function(String name, List<Expr> args, List<DataType> argTypes, DataType resultType) {
    return FunctionRegistry.INSTANCE.call(name, args, argTypes, resultType);
  }

  /** The result type of {@code name(argTypes)}, or null when no such function exists. */
  public static DataType functionResultType(String name, List<DataType> argTypes) {
    return FunctionRegistry.INSTANCE.resultType(name, argTypes);
  }

  /** Whether a function of this name exists at all (any argument types). */
  public static boolean functionExists(String name) { return FunctionRegistry.INSTANCE.exists(name); }

  /**
   * False for functions whose result may change between executions of a cached plan (stable ones like
   * {@code now()}, volatile ones like {@code random()}): the planner must not constant-fold them.
   */
  public static boolean isDeterministic(String name) { return FunctionRegistry.INSTANCE.isImmutable(name); }
}
