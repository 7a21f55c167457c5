package org.minidb.planner.validate;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.Exprs;
import org.minidb.planner.catalog.TypeMapping;

/**
 * PostgreSQL converts a string literal to the type its context wants while parsing, and reports a bad
 * one there, with its position ({@code a = 'abc'} against an integer: 22P02 at {@code 'abc'}). The plan
 * compiler folds the same casts later; this pass finds the failures while positions are still known.
 */
public final class LiteralCasts {
  private LiteralCasts() {}

  private static final ExecContext CONTEXT = new ExecContext(null, null, null, new Object[0],
      java.time.ZoneOffset.UTC, java.time.Instant.EPOCH, 0);

  public static void check(PgValidator validator, SqlNode validated, ParsedSql parsed) {
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if ((call.getKind() == SqlKind.CAST || AssignmentCast.isWrapped(call)) && call.operand(0) instanceof SqlLiteral literal
            && SqlTypeUtil.isCharacter(validator.getValidatedNodeTypeIfKnown(literal) == null
                ? validator.getTypeFactory().createUnknownType() : validator.getValidatedNodeType(literal))) {
          RelDataType target = validator.getValidatedNodeTypeIfKnown(call);
          if (target != null) convert(literal, target, parsed);
        }
        return super.visit(call);
      }
    });
  }

  private static void convert(SqlLiteral literal, RelDataType target, ParsedSql parsed) {
    DataType to;
    try {
      to = TypeMapping.fromRel(target);
    } catch (DbException e) {
      return;  // a type the executor does not have: the plan compiler reports it
    }
    PgType t = to.type();
    if (!(t.isNumeric() || t == PgType.BOOL)) return;
    String text = literal.getValueAs(String.class);
    try {
      Exprs.cast(Exprs.literal(text), DataType.TEXT, to, true).eval(new Object[0], CONTEXT);
    } catch (DbException e) {
      DbException positioned = DbException.of(e.sqlState(), e.getMessage(), e)
          .withPosition(parsed.position(literal.getParserPosition()));
      throw e.detail() == null ? positioned : positioned.withDetail(e.detail());
    }
  }
}
