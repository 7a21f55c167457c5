package org.minidb.planner.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Translates Calcite's validation failures into PostgreSQL's errors (SQLSTATE, message text, position).
 * Calcite's messages are matched by their resource text; an unrecognised one keeps Calcite's message.
 */
public final class ValidationErrors {
  private ValidationErrors() {}

  private record Rule(Pattern pattern, java.util.function.Function<Matcher, DbException> error) {}

  private static final Rule[] RULES = {
    // Calcite's case-insensitive suggestion: PostgreSQL folds unquoted names and offers no such hint.
    rule("Object '(.+?)' not found within '(.+?)'; did you mean '(.+?)'\\?",
        m -> DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + m.group(1) + "\" does not exist")),
    rule("Object '(.+?)' not found within '(.+?)'",
        m -> DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + m.group(2) + "." + m.group(1) + "\" does not exist")),
    rule("Object '(.+?)' not found",
        m -> DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + m.group(1) + "\" does not exist")),
    rule("Table '(.+?)' not found",
        m -> DbException.of(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + m.group(1) + "\"")),
    rule("Column '(.+?)' not found in any table",
        m -> DbException.of(SqlState.UNDEFINED_COLUMN, "column \"" + m.group(1) + "\" does not exist")),
    rule("Column '(.+?)' not found in table '(.+?)'",
        m -> DbException.of(SqlState.UNDEFINED_COLUMN, "column " + m.group(2) + "." + m.group(1) + " does not exist")),
    rule("Unknown target column '(.+?)'",
        m -> DbException.of(SqlState.UNDEFINED_COLUMN, "column \"" + m.group(1) + "\" of relation \"%TARGET%\" does not exist")),
    rule("Column '(.+?)' is ambiguous",
        m -> DbException.of(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + m.group(1) + "\" is ambiguous")),
    rule("Target column '(.+?)' is assigned more than once",
        m -> DbException.of(SqlState.DUPLICATE_COLUMN, "column \"" + m.group(1) + "\" specified more than once")),
    rule("Expression '(.+?)' is not being grouped",
        m -> DbException.of(SqlState.GROUPING_ERROR, "column \"" + unquote(m.group(1))
            + "\" must appear in the GROUP BY clause or be used in an aggregate function")),
    rule("Number of INSERT target columns \\((\\d+)\\) does not equal number of source items \\((\\d+)\\)",
        m -> DbException.of(SqlState.SYNTAX_ERROR,
            Integer.parseInt(m.group(2)) > Integer.parseInt(m.group(1))
                ? "INSERT has more expressions than target columns"
                : "INSERT has more target columns than expressions")),
    // Calcite: Cannot apply 'OP' to arguments of type '<T1> OP <T2>'. Supported form(s): ... (types may hold
    // parentheses and commas, as DECIMAL(2, 1); nothing past the first quoted signature is read).
    rule("Cannot apply '([^']+)' to arguments of type '<([^<>']+)> \\1 <([^<>']+)>'.*",
        m -> DbException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
            + PgTypeNames.ofCalciteName(m.group(2)) + " " + m.group(1) + " " + PgTypeNames.ofCalciteName(m.group(3)))
            .withHint(PgTypeCoercion.OPERATOR_HINT)),
    rule("Cannot apply '([^']+)' to arguments of type '[^'(]*\\(([^']*)\\)'.*",
        m -> DbException.of(SqlState.UNDEFINED_FUNCTION, "function " + m.group(1).toLowerCase(java.util.Locale.ROOT)
            + "(" + argTypes(m.group(2)) + ") does not exist").withHint(PgValidator.FUNCTION_HINT)),
    rule("Illegal use of dynamic parameter",
        m -> DbException.of("42P18", "could not determine data type of parameter")),
    rule("(WHERE|ON|HAVING) clause must be a condition",
        m -> DbException.of(SqlState.DATATYPE_MISMATCH, "argument of " + m.group(1) + " must be type boolean")),
    rule("Aggregate expression is illegal in (WHERE|GROUP BY|ON).*",
        m -> DbException.of(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + m.group(1))),
  };

  private static Rule rule(String regex, java.util.function.Function<Matcher, DbException> error) {
    return new Rule(Pattern.compile(regex, Pattern.DOTALL), error);
  }

  private static String unquote(String s) { return s.replace("`", "").replace("\"", ""); }

  private static final Pattern ARGUMENT_TYPE = Pattern.compile("<([^<>]*)>");

  /** {@code <DECIMAL(2, 1)>, <VARCHAR>} as PostgreSQL names them: {@code numeric, text}. */
  private static String argTypes(String calciteArgs) {
    StringBuilder sb = new StringBuilder();
    Matcher m = ARGUMENT_TYPE.matcher(calciteArgs);
    while (m.find()) {
      if (!sb.isEmpty()) sb.append(", ");
      sb.append(PgTypeNames.ofCalciteName(m.group(1)));
    }
    return sb.toString();
  }

  public static DbException translate(CalciteContextException e, ParsedSql parsed) {
    String message = e.getCause() != null && e.getCause().getMessage() != null
        ? e.getCause().getMessage() : e.getMessage();
    int position = parsed.position(e.getPosLine(), e.getPosColumn());
    for (Rule r : RULES) {
      Matcher m = r.pattern.matcher(message);
      if (m.matches()) {
        DbException error = withCause(r.error.apply(m), e);
        if (error.getMessage().contains("%TARGET%")) error = withCause(DbException.of(error.sqlState(),
            error.getMessage().replace("%TARGET%", targetTable(parsed.node())), e), e);
        if (r.pattern.pattern().contains("not found in table")) position = qualifierStart(parsed.source().original(), position, m.group(2));
        return error.withPosition(position);
      }
    }
    return DbException.of(SqlState.SYNTAX_ERROR, message, e).withPosition(position);
  }

  /** The table an INSERT or UPDATE writes, as named in the statement. */
  private static String targetTable(org.apache.calcite.sql.SqlNode node) {
    org.apache.calcite.sql.SqlNode target = node instanceof org.apache.calcite.sql.SqlInsert i ? i.getTargetTable()
        : node instanceof org.apache.calcite.sql.SqlUpdate u ? u.getTargetTable() : null;
    if (target instanceof org.apache.calcite.sql.SqlCall as && as.getKind() == org.apache.calcite.sql.SqlKind.AS) {
      target = as.operand(0);
    }
    return target instanceof org.apache.calcite.sql.SqlIdentifier id ? id.names.get(id.names.size() - 1) : "?";
  }

  /** PostgreSQL points at the start of {@code t.col}; Calcite at {@code col}. */
  private static int qualifierStart(String text, int position, String qualifier) {
    int index = position - 1;
    String prefix = qualifier + ".";
    if (index >= prefix.length() && index <= text.length()
        && text.substring(index - prefix.length(), index).equalsIgnoreCase(prefix)) {
      return position - prefix.length();
    }
    return position;
  }

  private static DbException withCause(DbException template, Throwable cause) {
    DbException e = DbException.of(template.sqlState(), template.getMessage(), cause);
    if (template.hint() != null) e = e.withHint(template.hint());
    return e;
  }
}
