package org.minidb.planner.validate;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * PostgreSQL's dialect as a Calcite conformance: LENIENT (GROUP BY alias and ordinal, ORDER BY ordinal,
 * {@code !=}, {@code %}, LIMIT/OFFSET, no FROM required, INSERT of a subset of the columns) minus what
 * PostgreSQL rejects (MySQL's {@code LIMIT a, b}, MINUS, APPLY, VALUE, HAVING on aliases, niladic functions
 * with parentheses), with overflow-checked arithmetic ("integer out of range").
 */
public final class PgConformance extends SqlDelegatingConformance {
  public static final PgConformance INSTANCE = new PgConformance();

  private PgConformance() { super(SqlConformanceEnum.LENIENT); }

  @Override public boolean isLimitStartCountAllowed() { return false; }
  @Override public boolean isMinusAllowed() { return false; }
  @Override public boolean isHavingAlias() { return false; }
  @Override public boolean isApplyAllowed() { return false; }
  @Override public boolean isValueAllowed() { return false; }
  @Override public boolean allowNiladicParentheses() { return false; }
  @Override public boolean checkedArithmetic() { return true; }
  @Override public boolean isFromRequired() { return false; }
  @Override public boolean isInsertSubsetColumnsAllowed() { return true; }
  @Override public boolean shouldConvertRaggedUnionTypesToVarying() { return true; }
}
