package org.minidb.planner.validate;

import java.util.List;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Looks functions up case-insensitively although tables and columns are matched case-sensitively: the
 * parser folds {@code md5(x)} to lower case while Calcite registers {@code MD5} (notes P7).
 */
public final class CaseInsensitiveOperatorTable implements SqlOperatorTable {
  private static final SqlNameMatcher INSENSITIVE = SqlNameMatchers.withCaseSensitive(false);
  private final SqlOperatorTable delegate;

  public CaseInsensitiveOperatorTable(SqlOperatorTable delegate) { this.delegate = delegate; }

  @Override
  public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
      List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
    if (opName.isSimple() && syntax == SqlSyntax.FUNCTION
        && LEFT_TO_THE_REGISTRY.contains(opName.getSimple().toLowerCase(java.util.Locale.ROOT))) {
      return;
    }
    delegate.lookupOperatorOverloads(opName, category, syntax, operatorList, INSENSITIVE);
  }

  /**
   * Calcite functions whose typing or meaning is not PostgreSQL's (date_part of an interval, one-argument
   * ltrim, sqrt rewritten to power(x, 0.5) with power's errors, length without bytea, to_char with Java's
   * patterns, concat and concat_ws of strings only, casting a boolean to 'true' where PostgreSQL's "any" arguments
   * print 't'): the executor's registry, last in the chain, types and runs them instead.
   */
  private static final java.util.Set<String> LEFT_TO_THE_REGISTRY = java.util.Set.of("date_part", "date_trunc", "ltrim",
      "rtrim", "sqrt", "translate", "translate3", "length", "to_char", "concat", "concat_ws");

  @Override
  public List<SqlOperator> getOperatorList() { return delegate.getOperatorList(); }
}
