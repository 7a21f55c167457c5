package org.minidb.planner.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.minidb.common.types.PgType;

/**
 * The names PostgreSQL gives result columns (FigureColname): the alias if any, else a column's name, a
 * function's name ({@code count}), {@code case}, the type name of a cast of something unnamed
 * ({@code int4}), and {@code ?column?} for anything else.
 */
public final class ResultColumnNames {
  private ResultColumnNames() {}

  private static final String UNNAMED = "?column?";

  /** Names for the select list of the validated query, or null when it is not a plain SELECT. */
  public static List<String> of(SqlNode validated, int expectedCount) {
    SqlSelect select = leftmostSelect(validated);
    if (select == null || select.getSelectList().size() != expectedCount) return null;
    List<String> names = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) names.add(itemName(item));
    return names;
  }

  private static SqlSelect leftmostSelect(SqlNode node) {
    if (node instanceof SqlSelect s) return s;
    if (node instanceof SqlCall c && (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
        || node.getKind() == SqlKind.EXCEPT || node.getKind() == SqlKind.ORDER_BY)) {
      return leftmostSelect(c.operand(0));
    }
    return null;
  }

  private static String itemName(SqlNode item) {
    if (item.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) item;
      String alias = ((SqlIdentifier) as.operand(1)).getSimple();
      if (!alias.matches("EXPR\\$\\d+")) return alias;
      return figure(as.operand(0));
    }
    return figure(item);
  }

  static String figure(SqlNode node) {
    String name = figureOrNull(node);
    return name == null ? UNNAMED : name;
  }

  private static String figureOrNull(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.isStar() ? UNNAMED : id.names.get(id.names.size() - 1);
    }
    if (!(node instanceof SqlCall call)) return null;
    switch (call.getKind()) {
      case CAST: {
        String inner = figureOrNull(call.operand(0));
        if (inner != null) return inner;
        if (call.operand(1) instanceof SqlDataTypeSpec spec) return typeName(spec);
        return null;
      }
      case CASE: return "case";
      case COALESCE: return "coalesce";
      case NULLIF: return "nullif";
      case GREATEST: return "greatest";
      case LEAST: return "least";
      default: break;
    }
    if (call instanceof SqlBasicCall && call.getOperator() instanceof SqlFunction f) {
      return f.getName().toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static String typeName(SqlDataTypeSpec spec) {
    String name = spec.getTypeName().getSimple().toLowerCase(Locale.ROOT);
    PgType t = PgType.byName(name);
    if (t != null) return t.typname();
    return switch (name) {
      case "double" -> "float8";
      case "timestamp_with_local_time_zone" -> "timestamptz";
      default -> name;
    };
  }
}
