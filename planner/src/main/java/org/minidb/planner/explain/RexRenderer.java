package org.minidb.planner.explain;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/** Renders expressions the way EXPLAIN prints them: {@code (a = $1)}, {@code ((b)::text ~~ 'x%'::text)}. */
public final class RexRenderer {
  private final RexBuilder rexBuilder;
  private final List<String> columnNames;
  private final int[] parameterIndexes;

  public RexRenderer(RexBuilder rexBuilder, List<String> columnNames, int[] parameterIndexes) {
    this.rexBuilder = rexBuilder;
    this.columnNames = columnNames;
    this.parameterIndexes = parameterIndexes;
  }

  public String render(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return ref.getIndex() < columnNames.size() ? columnNames.get(ref.getIndex()) : "$" + ref.getIndex();
    }
    if (node instanceof RexDynamicParam p) return "$" + (parameterIndexes[p.getIndex()] + 1);
    if (node instanceof RexLiteral lit) return literal(lit);
    if (node instanceof RexCall call) return call(call);
    return node.toString();
  }

  private static String literal(RexLiteral lit) {
    if (lit.isNull()) return "NULL";
    return switch (lit.getType().getSqlTypeName()) {
      case CHAR, VARCHAR -> "'" + lit.getValueAs(String.class).replace("'", "''") + "'::text";
      case BOOLEAN -> String.valueOf(lit.getValueAs(Boolean.class));
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, DOUBLE, FLOAT, REAL ->
          lit.getValueAs(java.math.BigDecimal.class).toPlainString();
      default -> String.valueOf(lit);
    };
  }

  /**
   * An IN list (an OR of {@code x = value}, as MiniDB reads it) prints as PostgreSQL prints its ScalarArrayOpExpr,
   * {@code (x = ANY ('{1,5,3}'::integer[]))}; NOT IN (an AND of {@code x <> value}) as {@code (x <> ALL (...))}.
   * Values that are not literals print as {@code ARRAY[$1, $2]}. An OR the user wrote out prints the same way:
   * after parsing the two are one expression. Null when {@code call} is not of that form.
   */
  private String arrayComparison(RexCall call) {
    SqlKind each = call.getKind() == SqlKind.OR ? SqlKind.EQUALS : SqlKind.NOT_EQUALS;
    RexNode operand = null;
    List<RexNode> values = new java.util.ArrayList<>();
    for (RexNode d : call.getOperands()) {
      if (!(d instanceof RexCall c) || c.getKind() != each) return null;
      RexNode left = c.getOperands().get(0);
      RexNode right = c.getOperands().get(1);
      if (RexUtil.containsInputRef(right) && !RexUtil.containsInputRef(left)) {
        RexNode t = left;
        left = right;
        right = t;
      }
      if (RexUtil.containsInputRef(right) || !RexUtil.containsInputRef(left)) return null;
      if (operand != null && !operand.equals(left)) return null;
      operand = left;
      values.add(right);
    }
    if (values.size() < 2) return null;
    String op = (each == SqlKind.EQUALS ? " = ANY (" : " <> ALL (");
    boolean literals = values.stream().allMatch(v -> v instanceof RexLiteral);
    if (!literals) {
      return "(" + render(operand) + op + "ARRAY[" + values.stream().map(this::render)
          .collect(Collectors.joining(", ")) + "]))";
    }
    StringBuilder array = new StringBuilder("{");
    for (RexNode v : values) {
      String element = arrayElement((RexLiteral) v);
      if (element == null) return null;
      if (array.length() > 1) array.append(',');
      array.append(element);
    }
    array.append('}');
    org.minidb.common.types.PgType type = org.minidb.planner.catalog.TypeMapping.resultType(operand.getType()).type();
    // PostgreSQL's array of the operator's right-hand type: bpchar for char(n), text for the other strings.
    String typeName = type == org.minidb.common.types.PgType.BPCHAR ? "bpchar" : type.isString() ? "text"
        : type.sqlName();
    return "(" + render(operand) + op + "'" + array.toString().replace("'", "''") + "'::" + typeName + "[]))";
  }

  /** A literal as an element of PostgreSQL's array output: quoted when it must be (array_out's rules). */
  private static String arrayElement(RexLiteral lit) {
    if (lit.isNull()) return "NULL";
    String text = switch (lit.getType().getSqlTypeName()) {
      case CHAR, VARCHAR -> lit.getValueAs(String.class);
      case BOOLEAN -> lit.getValueAs(Boolean.class) ? "t" : "f";
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, DOUBLE, FLOAT, REAL ->
          lit.getValueAs(java.math.BigDecimal.class).toPlainString();
      default -> null;
    };
    if (text == null) return null;
    boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
    for (int i = 0; i < text.length() && !quote; i++) quote = "\"\\{}, \t\n\r\u000b\f".indexOf(text.charAt(i)) >= 0;
    if (!quote) return text;
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * A constant cast to another type, as PostgreSQL prints the constant its planner folds the cast into
   * (ruleutils.c's get_const_expr): an integer bare ({@code 5}; negative ones {@code '-5'::integer}), a numeric bare
   * when it has a point or exponent ({@code 1.50}), anything else quoted with its type ({@code '1994-01-01'::date},
   * {@code '5'::bigint}). The value is the literal's text, without re-formatting. Null when not a plain value.
   */
  private static String castConstant(RexLiteral lit, org.minidb.common.types.PgType type) {
    String text = switch (lit.getType().getSqlTypeName()) {
      case CHAR, VARCHAR -> lit.getValueAs(String.class);
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> lit.getValueAs(java.math.BigDecimal.class).toPlainString();
      default -> null;
    };
    if (text == null) return null;
    String quoted = "'" + text.replace("'", "''") + "'::" + type.sqlName();
    return switch (type) {
      case INT4 -> text.matches("[0-9]+") ? text : quoted;
      case NUMERIC -> text.matches("[0-9]+([.][0-9]*)?([eE][-+]?[0-9]+)?") && text.matches(".*[.eE].*") ? text : quoted;
      case TEXT -> quoted;
      case INT2, INT8, FLOAT4, FLOAT8, DATE, TIMESTAMP, TIMESTAMPTZ, INTERVAL, BOOL -> quoted;
      default -> null;
    };
  }

  private static String likeOperator(RexCall like) {
    return like.getOperator().getName().toUpperCase(Locale.ROOT).contains("ILIKE") ? "~~*" : "~~";
  }

  private String call(RexCall call) {
    List<RexNode> ops = call.getOperands();
    SqlKind kind = call.getKind();
    switch (kind) {
      case SEARCH: return render(RexUtil.expandSearch(rexBuilder, null, call));
      case AND, OR: {
        String array = arrayComparison(call);
        if (array != null) return array;
        return "(" + ops.stream().map(this::render).collect(Collectors.joining(" " + kind.sql + " ")) + ")";
      }
      case NOT:
        if (ops.get(0) instanceof RexCall like && like.getKind() == SqlKind.LIKE && like.getOperands().size() == 2) {
          // PostgreSQL's negated LIKE operators: !~~ and !~~*
          return "(" + render(like.getOperands().get(0)) + " !" + likeOperator(like) + " "
              + render(like.getOperands().get(1)) + ")";
        }
        if (ops.get(0) instanceof RexCall or && or.getKind() == SqlKind.OR) {
          String in = arrayComparison(or);
          // NOT IN, when Calcite keeps it as NOT of the IN list: PostgreSQL's (x <> ALL (...))
          if (in != null) return in.replaceFirst(" = ANY \\(", " <> ALL (");
        }
        return "(NOT " + render(ops.get(0)) + ")";
      case IS_NULL: return "(" + render(ops.get(0)) + " IS NULL)";
      case IS_NOT_NULL: return "(" + render(ops.get(0)) + " IS NOT NULL)";
      case CAST:
        // A cast that only makes a value nullable (a view's column) changes nothing PostgreSQL would show.
        if (call.getType().equals(rexBuilder.getTypeFactory().createTypeWithNullability(ops.get(0).getType(), true))) {
          return render(ops.get(0));
        }
        if (ops.get(0) instanceof RexLiteral lit && !lit.isNull()) {
          String folded = castConstant(lit, org.minidb.planner.catalog.TypeMapping.resultType(call.getType()).type());
          if (folded != null) return folded;
        }
        return "(" + render(ops.get(0)) + ")::" + org.minidb.planner.catalog.TypeMapping
          .resultType(call.getType()).type().sqlName();
      case LIKE: return "(" + render(ops.get(0)) + " " + likeOperator(call) + " " + render(ops.get(1)) + ")";
      case MOD:
        // Calcite reads both a % b and mod(a, b) as MOD; the operator is the common spelling
        if (ops.size() == 2) return "(" + render(ops.get(0)) + " % " + render(ops.get(1)) + ")";
        break;
      default: break;
    }
    if (ops.size() == 2 && call.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.BINARY) {
      String op = switch (kind) {
        case NOT_EQUALS -> "<>";
        default -> call.getOperator().getName();
      };
      return "(" + render(ops.get(0)) + " " + op + " " + render(ops.get(1)) + ")";
    }
    if (ops.size() == 1 && call.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.PREFIX) {
      return "(" + call.getOperator().getName() + render(ops.get(0)) + ")";
    }
    return call.getOperator().getName().toLowerCase(Locale.ROOT) + "("
        + ops.stream().map(this::render).collect(Collectors.joining(", ")) + ")";
  }
}
