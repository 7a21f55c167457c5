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

  /**
   * Names from the statement as parsed (before the validator rewrites COALESCE into CASE and the like), or
   * null when it has a {@code *} or is not a SELECT. Call before validation: validation mutates the tree.
   */
  public static List<String> ofParsed(SqlNode parsed) {
    SqlSelect select = leftmostSelect(parsed);
    if (select == null) return null;
    List<String> names = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar()) return null;
      names.add(itemName(item, false));
    }
    return names;
  }

  /** For each select item as parsed, whether it is an explicit cast (its typmod is reported); null as above. */
  public static List<Boolean> castsOfParsed(SqlNode parsed) {
    SqlSelect select = leftmostSelect(parsed);
    if (select == null) return null;
    List<Boolean> casts = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar()) return null;
      SqlNode e = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      casts.add(e.getKind() == SqlKind.CAST);
    }
    return casts;
  }

  /** Names for the select list of the validated query, or null when it is not a plain SELECT. */
  public static List<String> of(SqlNode validated, int expectedCount) {
    SqlSelect select = leftmostSelect(validated);
    if (select == null || select.getSelectList().size() != expectedCount) return null;
    List<String> names = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) names.add(itemName(item, true));
    return names;
  }

  /** PostgreSQL's names for the columns of a bare VALUES list: column1, column2, ... */
  public static String valuesColumn(int index) { return "column" + (index + 1); }

  /** Niladic functions the parser keeps as (upper-case) identifiers; PostgreSQL names them in lower case. */
  private static final java.util.Set<String> NILADIC = java.util.Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE",
      "CURRENT_TIME", "LOCALTIMESTAMP", "LOCALTIME", "CURRENT_USER", "SESSION_USER", "USER", "CURRENT_SCHEMA",
      "CURRENT_CATALOG", "CURRENT_ROLE");

  private static SqlSelect leftmostSelect(SqlNode node) {
    if (node instanceof SqlSelect s) return s;
    if (node instanceof SqlCall c && (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
        || node.getKind() == SqlKind.EXCEPT || node.getKind() == SqlKind.ORDER_BY)) {
      return leftmostSelect(c.operand(0));
    }
    return null;
  }

  /** @param validated whether aliases may have been made unique by the validator ({@code a0} for a second {@code a}) */
  private static String itemName(SqlNode item, boolean validated) {
    if (item.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) item;
      String alias = ((SqlIdentifier) as.operand(1)).getSimple();
      if (validated && as.operand(0) instanceof SqlIdentifier id && !id.isStar()
          && alias.matches(java.util.regex.Pattern.quote(id.names.get(id.names.size() - 1)) + "\\d+")) {
        return id.names.get(id.names.size() - 1);
      }
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
      if (id.isStar()) return UNNAMED;
      String last = id.names.get(id.names.size() - 1);
      return id.isSimple() && NILADIC.contains(last) ? last.toLowerCase(Locale.ROOT) : last;
    }
    if (node instanceof SqlSelect sub && sub.getSelectList().size() == 1) {
      // A scalar sub-query is named after its one column.
      return figureOrNull(sub.getSelectList().get(0) instanceof SqlCall as && as.getKind() == SqlKind.AS
          ? as.operand(1) : sub.getSelectList().get(0));
    }
    if (!(node instanceof SqlCall call)) return null;
    switch (call.getKind()) {
      case CAST: {
        String inner = figureOrNull(call.operand(0));
        if (inner != null) return inner;
        if (call.operand(1) instanceof SqlDataTypeSpec spec) return typeName(spec);
        return null;
      }
      case FILTER, OVER, WITHIN_GROUP: return figureOrNull(call.operand(0));
      case TRIM: {
        String flag = String.valueOf(call.operand(0)).toUpperCase(Locale.ROOT);
        return flag.contains("LEADING") ? "ltrim" : flag.contains("TRAILING") ? "rtrim" : "btrim";
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
