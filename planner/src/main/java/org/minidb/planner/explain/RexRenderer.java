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

  private String call(RexCall call) {
    List<RexNode> ops = call.getOperands();
    SqlKind kind = call.getKind();
    switch (kind) {
      case SEARCH: return render(RexUtil.expandSearch(rexBuilder, null, call));
      case AND, OR:
        return "(" + ops.stream().map(this::render).collect(Collectors.joining(" " + kind.sql + " ")) + ")";
      case NOT: return "(NOT " + render(ops.get(0)) + ")";
      case IS_NULL: return "(" + render(ops.get(0)) + " IS NULL)";
      case IS_NOT_NULL: return "(" + render(ops.get(0)) + " IS NOT NULL)";
      case CAST:
        // A cast that only makes a value nullable (a view's column) changes nothing PostgreSQL would show.
        if (call.getType().equals(rexBuilder.getTypeFactory().createTypeWithNullability(ops.get(0).getType(), true))) {
          return render(ops.get(0));
        }
        return "(" + render(ops.get(0)) + ")::" + org.minidb.planner.catalog.TypeMapping
          .resultType(call.getType()).type().sqlName();
      case LIKE: {
        String op = call.getOperator().getName().toUpperCase(Locale.ROOT).contains("ILIKE") ? "~~*" : "~~";
        return "(" + render(ops.get(0)) + " " + op + " " + render(ops.get(1)) + ")";
      }
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
