package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.ArithmeticOp;
import org.minidb.executor.expr.CompareOp;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.planner.catalog.ColumnDefaultFunction;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.validate.DateArithmetic;

/**
 * Compiles a validated {@link RexNode} once into the executor's {@link Expr} tree, choosing each operator's
 * type-specific implementation now, so that per row nothing is looked up by name. Operands are cast to the
 * operator's type where Calcite left them of different types ({@code int4 = int8}), since the executor's
 * building blocks expect operands of one type.
 */
public final class ExprCompiler {
  private final RexBuilder rexBuilder;
  private final int[] parameterIndexes;
  private final List<DataType> parameterTypes;
  private final IntFunction<Expr> columnDefaults;
  /** Cleared while compiling the parts of a constant expression that is folded as a whole. */
  private boolean folding = true;

  /**
   * @param parameterIndexes PostgreSQL parameter number (0-based) of each dynamic parameter
   * @param parameterTypes the type each PostgreSQL parameter's value is bound as
   * @param columnDefaults the compiled DEFAULT of a target column by attnum (INSERT only), or null
   */
  public ExprCompiler(RexBuilder rexBuilder, int[] parameterIndexes, List<DataType> parameterTypes,
      IntFunction<Expr> columnDefaults) {
    this.rexBuilder = rexBuilder;
    this.parameterIndexes = parameterIndexes;
    this.parameterTypes = parameterTypes;
    this.columnDefaults = columnDefaults;
  }

  /** The same compiler, resolving {@code pg_column_default(attnum)} through {@code columnDefaults}. */
  public ExprCompiler withColumnDefaults(IntFunction<Expr> columnDefaults) {
    return new ExprCompiler(rexBuilder, parameterIndexes, parameterTypes, columnDefaults);
  }

  public static DataType typeOf(RexNode node) { return TypeMapping.fromRel(relType(node)); }

  /**
   * The type of an expression as PostgreSQL sees it: Calcite types a string literal CHAR(n), PostgreSQL as
   * text (unknown), so that trailing blanks are kept and compared, not trimmed as bpchar's are.
   */
  static RelDataType relType(RexNode node) {
    RelDataType t = node.getType();
    if (node instanceof RexLiteral && t.getSqlTypeName() == SqlTypeName.CHAR) {
      return node.getType().isNullable() ? VARCHAR_NULLABLE : VARCHAR;
    }
    return t;
  }

  private static boolean isCharLiteral(RexNode node) {
    return node instanceof RexLiteral && node.getType().getSqlTypeName() == SqlTypeName.CHAR;
  }

  private static final RelDataTypeFactory TYPES = org.minidb.planner.catalog.CatalogReaders.newTypeFactory();
  private static final RelDataType VARCHAR = TYPES.createSqlType(SqlTypeName.VARCHAR);
  private static final RelDataType VARCHAR_NULLABLE = TYPES.createTypeWithNullability(VARCHAR, true);

  public List<Expr> compileAll(List<? extends RexNode> nodes) {
    List<Expr> out = new ArrayList<>(nodes.size());
    for (RexNode n : nodes) out.add(compile(n));
    return out;
  }

  /** Compiles {@code node} and converts its value to {@code target} (assignment rules) when types differ. */
  public Expr compileAs(RexNode node, DataType target) {
    Expr e = compile(node);
    DataType from = typeOf(node);
    return from.equals(target) ? e : Exprs.cast(e, from, target, false);
  }

  public Expr compile(RexNode node) {
    if (node instanceof RexInputRef ref) return Exprs.column(ref.getIndex());
    if (node instanceof RexLiteral lit) return Exprs.literal(Literals.value(lit));
    if (node instanceof RexDynamicParam p) return parameter(p);
    if (node instanceof org.apache.calcite.rex.RexOver) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "window functions are not supported yet");
    }
    if (node instanceof RexCall call) {
      if (folding && ConstantFolding.isFoldable(call)) return foldConstant(call);
      return call(call);
    }
    throw unsupported(node.toString());
  }

  /**
   * Compiles a constant call without folding its parts (so CASE and COALESCE stay lazy: an error in a branch
   * that is never taken is never raised), then evaluates it once.
   */
  private Expr foldConstant(RexCall call) {
    folding = false;
    Expr compiled;
    try {
      compiled = call(call);
    } finally {
      folding = true;
    }
    return ConstantFolding.fold(compiled);
  }

  private Expr parameter(RexDynamicParam p) {
    int pg = parameterIndexes[p.getIndex()];
    Expr e = Exprs.parameter(pg);
    DataType bound = parameterTypes.get(pg);
    DataType wanted = typeOf(p);
    return bound == null || bound.equals(wanted) ? e : Exprs.cast(e, bound, wanted, true);
  }

  private Expr call(RexCall call) {
    List<RexNode> ops = call.getOperands();
    SqlKind kind = call.getKind();
    switch (kind) {
      case AND: return Exprs.and(compileAll(ops));
      case OR: return Exprs.or(compileAll(ops));
      case NOT: return Exprs.not(compile(ops.get(0)));
      case IS_NULL: return Exprs.isNull(compile(ops.get(0)));
      case IS_NOT_NULL: return Exprs.isNotNull(compile(ops.get(0)));
      case IS_TRUE: return Exprs.isTrue(compile(ops.get(0)));
      case IS_FALSE: return Exprs.isFalse(compile(ops.get(0)));
      case IS_NOT_TRUE: return Exprs.isNotTrue(compile(ops.get(0)));
      case IS_NOT_FALSE: return Exprs.isNotFalse(compile(ops.get(0)));
      case EQUALS: return compare(CompareOp.EQ, ops);
      case NOT_EQUALS: return compare(CompareOp.NE, ops);
      case LESS_THAN: return compare(CompareOp.LT, ops);
      case LESS_THAN_OR_EQUAL: return compare(CompareOp.LE, ops);
      case GREATER_THAN: return compare(CompareOp.GT, ops);
      case GREATER_THAN_OR_EQUAL: return compare(CompareOp.GE, ops);
      case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM: {
        RelDataType common = commonType(relType(ops.get(0)), relType(ops.get(1)));
        DataType t = TypeMapping.fromRel(common);
        Expr l = compileAs(ops.get(0), t);
        Expr r = compileAs(ops.get(1), t);
        return kind == SqlKind.IS_DISTINCT_FROM
            ? Exprs.isDistinctFrom(l, r, t.type()) : Exprs.isNotDistinctFrom(l, r, t.type());
      }
      case PLUS, CHECKED_PLUS: return arithmetic(ArithmeticOp.ADD, call);
      case MINUS, CHECKED_MINUS: return arithmetic(ArithmeticOp.SUBTRACT, call);
      case TIMES, CHECKED_TIMES: return arithmetic(ArithmeticOp.MULTIPLY, call);
      case DIVIDE, CHECKED_DIVIDE: return arithmetic(ArithmeticOp.DIVIDE, call);
      case MOD: return arithmetic(ArithmeticOp.MODULO, call);
      case MINUS_PREFIX, CHECKED_MINUS_PREFIX: return Exprs.negate(compileAs(ops.get(0), typeOf(call)), typeOf(call));
      case PLUS_PREFIX: return compile(ops.get(0));
      case CAST: {
        // Only made nullable (a view's column): the value is unchanged.
        if (call.getType().equals(rexBuilder.getTypeFactory().createTypeWithNullability(ops.get(0).getType(), true))) {
          return compile(ops.get(0));
        }
        Expr cast = Exprs.cast(compile(ops.get(0)), typeOf(ops.get(0)), typeOf(call), true);
        return ops.get(0) instanceof RexLiteral && foldable(typeOf(ops.get(0)), typeOf(call)) ? fold(cast) : cast;
      }
      case SEARCH: return compile(RexUtil.expandSearch(rexBuilder, null, call));
      case CASE: return caseWhen(call);
      case COALESCE: return Exprs.coalesce(compileAllAs(ops, typeOf(call)));
      case NULLIF: {
        RelDataType common = commonType(relType(ops.get(0)), relType(ops.get(1)));
        DataType t = TypeMapping.fromRel(common);
        return Exprs.nullIf(compileAs(ops.get(0), t), compileAs(ops.get(1), t), t.type());
      }
      case GREATEST: return Exprs.greatest(compileAllAs(ops, typeOf(call)), typeOf(call).type());
      case LEAST: return Exprs.least(compileAllAs(ops, typeOf(call)), typeOf(call).type());
      case LIKE: return like(call);
      case TRIM: return trim(call);
      case EXTRACT: {
        String field = extractField((RexLiteral) ops.get(0));
        return Exprs.function("extract", List.of(Exprs.literal(field), compile(ops.get(1))),
            List.of(DataType.TEXT, typeOf(ops.get(1))), typeOf(call));
      }
      default: break;
    }
    if (call.getOperator() instanceof org.minidb.planner.validate.AssignmentCast) {
      // An assignment (INSERT/UPDATE target, VALUES column): lengths raise 22001 instead of truncating.
      DataType to = typeOf(call);
      if (ops.get(0) instanceof RexDynamicParam p) {
        // The value as bound (varchar without a length), assigned: an explicit cast would truncate it.
        int pg = parameterIndexes[p.getIndex()];
        DataType bound = parameterTypes.get(pg);
        if (bound != null) return bound.equals(to) ? Exprs.parameter(pg) : Exprs.cast(Exprs.parameter(pg), bound, to, false);
      }
      DataType from = typeOf(ops.get(0));
      if (from.equals(to)) return compile(ops.get(0));
      Expr cast = Exprs.cast(compile(ops.get(0)), from, to, false);
      return ops.get(0) instanceof RexLiteral && foldable(from, to) ? fold(cast) : cast;
    }
    if (call.getOperator() == ColumnDefaultFunction.INSTANCE) {
      if (columnDefaults == null) throw unsupported("DEFAULT here");
      int attnum = ((RexLiteral) ops.get(0)).getValueAs(Integer.class);
      return columnDefaults.apply(attnum);
    }
    if ("||".equals(call.getOperator().getName())) {
      return Exprs.concat(compile(ops.get(0)), typeOf(ops.get(0)), compile(ops.get(1)), typeOf(ops.get(1)));
    }
    if ("^".equals(call.getOperator().getName()) && ops.size() == 2) {
      // PostgreSQL's ^ is power() in double precision (numeric ^ numeric aside).
      DataType t = typeOf(call).type() == PgType.NUMERIC ? DataType.NUMERIC : DataType.FLOAT8;
      return Exprs.function("power", List.of(compileAs(ops.get(0), t), compileAs(ops.get(1), t)), List.of(t, t),
          typeOf(call));
    }
    if (call.getOperator() instanceof org.apache.calcite.sql.SqlFunction) return function(call);
    throw unsupported("operator " + call.getOperator().getName());
  }

  /**
   * Casts of literals between numbers, strings and booleans are computed now, as PostgreSQL coerces its
   * literals while parsing: {@code a = 'abc'} against an integer fails at planning, even over an empty table.
   * Date/time casts wait for execution, where the session's time zone is known.
   */
  private static boolean foldable(DataType from, DataType to) {
    return isPlain(from.type()) && isPlain(to.type());
  }

  private static boolean isPlain(PgType t) { return t.isNumeric() || t.isString() || t == PgType.BOOL; }

  private static final ExecContext FOLDING = new ExecContext(null, null, null, new Object[0],
      java.time.ZoneOffset.UTC, java.time.Instant.EPOCH, 0);

  private static Expr fold(Expr constant) {
    return Exprs.literal(constant.eval(new Object[0], FOLDING));
  }

  private List<Expr> compileAllAs(List<RexNode> ops, DataType type) {
    List<Expr> out = new ArrayList<>(ops.size());
    for (RexNode n : ops) out.add(compileAs(n, type));
    return out;
  }

  private Expr compare(CompareOp op, List<RexNode> ops) {
    RelDataType left = relType(ops.get(0));
    RelDataType right = relType(ops.get(1));
    // An untyped literal takes the other side's type: bpchar_col = 'ab  ' compares as bpchar.
    if (isCharLiteral(ops.get(0)) && right.getSqlTypeName() == SqlTypeName.CHAR) left = right;
    if (isCharLiteral(ops.get(1)) && left.getSqlTypeName() == SqlTypeName.CHAR) right = left;
    RelDataType common = commonType(left, right);
    DataType t = TypeMapping.fromRel(common);
    return Exprs.compare(op, compileAs(ops.get(0), t), compileAs(ops.get(1), t), t.type());
  }

  /** The type both sides of a comparison are brought to, as PostgreSQL's operator resolution would. */
  private RelDataType commonType(RelDataType a, RelDataType b) {
    if (SqlTypeUtil.equalSansNullability(a, b)) return a;
    RelDataTypeFactory tf = rexBuilder.getTypeFactory();
    if (SqlTypeUtil.isCharacter(a) && SqlTypeUtil.isCharacter(b)) {
      // bpchar = bpchar stays bpchar; any other string pairing compares as text.
      if (a.getSqlTypeName() == SqlTypeName.CHAR && b.getSqlTypeName() == SqlTypeName.CHAR) return a;
      return tf.createSqlType(SqlTypeName.VARCHAR);
    }
    if (a.getSqlTypeName() == SqlTypeName.NULL) return b;
    if (b.getSqlTypeName() == SqlTypeName.NULL) return a;
    if (SqlTypeUtil.isCharacter(a)) return b;
    if (SqlTypeUtil.isCharacter(b)) return a;
    RelDataType common = tf.leastRestrictive(List.of(a, b));
    if (common == null) {
      throw DbException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
          + TypeMapping.resultType(a).type().sqlName() + " = " + TypeMapping.resultType(b).type().sqlName());
    }
    return common;
  }

  private Expr arithmetic(ArithmeticOp op, RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    DataType result = typeOf(call);
    DataType lt = typeOf(left);
    DataType rt = typeOf(right);
    if (isTemporal(lt) || isTemporal(rt)) {
      // An untyped literal or NULL beside a date/time operand reads as PostgreSQL resolves it.
      if (isUnknown(left) && isTemporal(rt)) lt = DateArithmetic.unknownOperandType(op, rt);
      if (isUnknown(right) && isTemporal(lt)) rt = DateArithmetic.unknownOperandType(op, lt);
      return Exprs.arithmetic(op, compileAs(left, lt), lt, compileAs(right, rt), rt, result);
    }
    DataType operand = result.type() == PgType.NUMERIC ? DataType.NUMERIC : result;
    return Exprs.arithmetic(op, compileAs(left, operand), compileAs(right, operand), operand);
  }

  private static boolean isTemporal(DataType t) { return t.type().isDateTime() || t.type() == PgType.INTERVAL; }

  private static boolean isUnknown(RexNode node) {
    return isCharLiteral(node) || node.getType().getSqlTypeName() == SqlTypeName.NULL;
  }

  private Expr caseWhen(RexCall call) {
    List<RexNode> ops = call.getOperands();
    DataType t = typeOf(call);
    List<Expr> conditions = new ArrayList<>();
    List<Expr> results = new ArrayList<>();
    int i = 0;
    for (; i + 1 < ops.size(); i += 2) {
      conditions.add(compile(ops.get(i)));
      results.add(compileAs(ops.get(i + 1), t));
    }
    Expr otherwise = i < ops.size() ? compileAs(ops.get(i), t) : null;
    return Exprs.caseWhen(conditions, results, otherwise);
  }

  private Expr like(RexCall call) {
    List<RexNode> ops = call.getOperands();
    boolean caseInsensitive = call.getOperator().getName().toUpperCase(Locale.ROOT).contains("ILIKE");
    boolean negated = call.getOperator() instanceof SqlLikeOperator l && l.isNegated();
    Expr value = compileAs(ops.get(0), DataType.TEXT);
    Expr pattern = compileAs(ops.get(1), DataType.TEXT);
    Expr e;
    if (ops.size() > 2) {
      Object escape = Literals.value((RexLiteral) ops.get(2));
      e = Exprs.like(value, pattern, caseInsensitive, escape == null ? "" : escape.toString());
    } else {
      e = Exprs.like(value, pattern, caseInsensitive);
    }
    return negated ? Exprs.not(e) : e;
  }

  /** Calcite's TRIM(flag, characters, string) is PostgreSQL's btrim/ltrim/rtrim(string, characters). */
  private Expr trim(RexCall call) {
    List<RexNode> ops = call.getOperands();
    String flag = String.valueOf(((RexLiteral) ops.get(0)).getValue2()).toUpperCase(Locale.ROOT);
    String name = flag.contains("LEADING") ? "ltrim" : flag.contains("TRAILING") ? "rtrim" : "btrim";
    return Exprs.function(name, List.of(compileAs(ops.get(2), DataType.TEXT), compileAs(ops.get(1), DataType.TEXT)),
        List.of(DataType.TEXT, DataType.TEXT), typeOf(call));
  }

  /** PostgreSQL's field name of EXTRACT's unit (a TimeUnitRange symbol or an interval qualifier). */
  private static String extractField(RexLiteral unit) {
    Object v = unit.getValue();
    String name;
    if (v instanceof org.apache.calcite.avatica.util.TimeUnitRange r) {
      name = r.startUnit.name();
    } else if (unit.getType().getIntervalQualifier() != null) {
      name = unit.getType().getIntervalQualifier().getStartUnit().name();
    } else {
      name = String.valueOf(unit.getValue2());
    }
    return switch (name) {
      case "MICROSECOND" -> "microseconds";
      case "MILLISECOND" -> "milliseconds";
      default -> name.toLowerCase(Locale.ROOT);
    };
  }

  private Expr function(RexCall call) {
    String name = functionName(call);
    if (name.equals("pg_typeof") && call.getOperands().size() == 1) {
      RexNode arg = call.getOperands().get(0);
      // An untyped literal is unknown to PostgreSQL; every other argument has its type's format_type name.
      return Exprs.literal(isUnknown(arg) ? "unknown" : TypeMapping.resultType(relType(arg)).formatType());
    }
    List<DataType> argTypes = new ArrayList<>();
    for (RexNode o : call.getOperands()) argTypes.add(typeOf(o));
    return Exprs.function(name, compileAll(call.getOperands()), argTypes, typeOf(call));
  }

  /** PostgreSQL's name of a function Calcite may spell differently. */
  static String functionName(RexCall call) {
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "current_timestamp" -> "now";
      case "character_length" -> "char_length";
      default -> name;
    };
  }

  static DbException unsupported(String what) {
    return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported");
  }
}
