package org.minidb.planner.validate;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.minidb.common.error.SqlState;

/**
 * Calcite's validator with PostgreSQL's coercion rules and PostgreSQL's errors where Calcite's own message
 * would lack the facts PostgreSQL reports (argument types of an unknown function, the type of a non-boolean
 * WHERE). Single-use, like every validator.
 */
public final class PgValidator extends SqlValidatorImpl {
  static final String FUNCTION_HINT =
      "No function matches the given name and argument types. You might need to add explicit type casts.";

  /** The client's type of each dynamic parameter (by occurrence), or null where it is to be inferred. */
  private final RelDataType[] declaredParameterTypes;

  private PgValidator(SqlOperatorTable opTab, SqlValidatorCatalogReader catalogReader,
      RelDataTypeFactory typeFactory, SqlValidator.Config config, RelDataType[] declaredParameterTypes) {
    super(opTab, catalogReader, typeFactory, config);
    this.declaredParameterTypes = declaredParameterTypes;
  }

  public static PgValidator create(SqlOperatorTable opTab, SqlValidatorCatalogReader catalogReader,
      RelDataTypeFactory typeFactory, RelDataType[] declaredParameterTypes) {
    SqlValidator.Config config = SqlValidator.Config.DEFAULT
        .withConformance(PgConformance.INSTANCE)
        .withIdentifierExpansion(true)
        .withDefaultNullCollation(org.apache.calcite.config.NullCollation.HIGH)
        .withTypeCoercionFactory(PgTypeCoercion::new);
    return new PgValidator(opTab, catalogReader, typeFactory, config, declaredParameterTypes);
  }

  /** INSERT and UPDATE assign each value to its column's type (see {@link AssignmentTargets}). */
  @Override
  public SqlNode validate(SqlNode topNode) {
    AssignmentTargets.wrap(topNode, getCatalogReader());
    FunctionColumnAliases.apply(topNode);
    return super.validate(topNode);
  }

  /** A VALUES list outside INSERT types its columns as PostgreSQL does (see {@link ValuesColumnTypes}). */
  @Override
  protected void validateValues(SqlCall node, RelDataType targetRowType, SqlValidatorScope scope) {
    if (!targetRowType.isStruct()) ValuesColumnTypes.resolve(this, scope, node);
    super.validateValues(node, targetRowType, scope);
  }

  /**
   * Date/time arithmetic as PostgreSQL types it (see {@link DateArithmetic}), {@code ||} with a non-string
   * operand, and EXTRACT's numeric result.
   */
  @Override
  public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
    if (expr instanceof org.apache.calcite.sql.SqlBasicCall call
        && call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.EXTRACT) {
      call.setOperator(PgFunctions.EXTRACT); // numeric, as PostgreSQL 15
    }
    if (expr instanceof org.apache.calcite.sql.SqlBasicCall call && call.operandCount() == 2
        && "^".equals(call.getOperator().getName()) && call.getOperator() != PgFunctions.CARET) {
      call.setOperator(PgFunctions.CARET); // double precision (numeric with a numeric operand)
    }
    if (expr instanceof org.apache.calcite.sql.SqlBasicCall call && call.operandCount() == 2
        && call.getKind() == org.apache.calcite.sql.SqlKind.MOD) {
      // PostgreSQL's int8 % int4 is an int8 (the wider operand's type); Calcite types MOD by its second operand, so
      // 7919000000 % 1000003 overflowed int4: the narrower second operand is widened to the first's type.
      RelDataType left = super.deriveType(scope, call.operand(0));
      RelDataType right = super.deriveType(scope, call.operand(1));
      if (org.apache.calcite.sql.type.SqlTypeUtil.isIntType(left) && org.apache.calcite.sql.type.SqlTypeUtil.isIntType(right)
          && left.getSqlTypeName().ordinal() > right.getSqlTypeName().ordinal()) {
        org.apache.calcite.sql.parser.SqlParserPos pos = call.operand(1).getParserPosition();
        call.setOperand(1, org.apache.calcite.sql.fun.SqlStdOperatorTable.CAST.createCall(pos, call.operand(1),
            new org.apache.calcite.sql.SqlDataTypeSpec(
                new org.apache.calcite.sql.SqlBasicTypeNameSpec(left.getSqlTypeName(), pos), pos)));
      }
    }
    if (expr instanceof org.apache.calcite.sql.SqlBasicCall call && call.operandCount() == 2
        && (DateArithmetic.applies(call)
            || call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.CONCAT)) {
      List<RelDataType> types = new java.util.ArrayList<>();
      for (SqlNode operand : call.getOperandList()) {
        types.add(operand instanceof SqlDynamicParam || operand instanceof org.apache.calcite.sql.SqlLiteral l
            && l.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL ? null : super.deriveType(scope, operand));
      }
      DateArithmetic.rewrite(call, types);
      DateArithmetic.rewriteConcat(call, types);
    }
    return super.deriveType(scope, expr);
  }

  /** A parameter whose type the client declared takes that type instead of the one inferred from context. */
  @Override
  protected void inferUnknownTypes(RelDataType inferredType, SqlValidatorScope scope, SqlNode node) {
    if (node instanceof SqlDynamicParam p && p.getIndex() < declaredParameterTypes.length
        && declaredParameterTypes[p.getIndex()] != null) {
      inferredType = declaredParameterTypes[p.getIndex()];
    } else if (node instanceof SqlDynamicParam && inferredType.equals(unknownType)) {
      // Nothing in the context says what it is: PostgreSQL then resolves the parameter as text.
      inferredType = typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.VARCHAR), true);
    }
    super.inferUnknownTypes(inferredType, scope, node);
  }

  @Override
  public CalciteException handleUnresolvedFunction(SqlCall call, SqlOperator unresolvedFunction,
      List<RelDataType> argTypes, List<String> argNames) {
    String args = argTypes == null ? "" : argTypes.stream().map(PgTypeNames::of).collect(Collectors.joining(", "));
    throw new PositionedError(SqlState.UNDEFINED_FUNCTION,
        "function " + unresolvedFunction.getName() + "(" + args + ") does not exist", call.getParserPosition(),
        FUNCTION_HINT);
  }

  /** PostgreSQL names the ungrouped column with its table ({@code t.b}); Calcite's message lacks the table. */
  @Override
  protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select, RelDataType targetRowType) {
    try {
      return super.validateSelectList(selectItems, select, targetRowType);
    } catch (CalciteContextException e) {
      if (e.getMessage() == null || !e.getMessage().contains("is not being grouped")) throw e;
      SqlIdentifier culprit = identifierAt(selectItems, e.getPosLine(), e.getPosColumn());
      if (culprit == null) throw e;
      List<String> names = getSelectScope(select).fullyQualify(culprit).identifier.names;
      PositionedError pe = new PositionedError(SqlState.GROUPING_ERROR, "column \"" + String.join(".", names)
          + "\" must appear in the GROUP BY clause or be used in an aggregate function",
          culprit.getParserPosition(), null);
      pe.initCause(e);
      throw pe;
    }
  }

  private static SqlIdentifier identifierAt(SqlNode node, int line, int column) {
    SqlIdentifier[] found = new SqlIdentifier[1];
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        SqlParserPos p = id.getParserPosition();
        if (found[0] == null && p.getLineNum() == line && p.getColumnNum() == column) found[0] = id;
        return null;
      }
    });
    return found[0];
  }

  /**
   * Calcite fails with an index error when an INSERT without a column list has more values than the table
   * has columns; PostgreSQL reports a syntax error there.
   */
  @Override
  public void validateInsert(SqlInsert insert) {
    try {
      super.validateInsert(insert);
    } catch (IndexOutOfBoundsException e) {
      PositionedError pe = new PositionedError(SqlState.SYNTAX_ERROR,
          "INSERT has more expressions than target columns", firstExtraExpression(insert), null);
      pe.initCause(e);
      throw pe;
    }
  }

  /** PostgreSQL points at the first value that has no target column. */
  private SqlParserPos firstExtraExpression(SqlInsert insert) {
    SqlNode source = insert.getSource();
    int targets = insert.getTargetColumnList() != null ? insert.getTargetColumnList().size()
        : getCatalogReader().getTable(((SqlIdentifier) insert.getTargetTable()).names) == null ? -1
        : getCatalogReader().getTable(((SqlIdentifier) insert.getTargetTable()).names).getRowType().getFieldCount();
    if (targets >= 0 && source.getKind() == org.apache.calcite.sql.SqlKind.VALUES) {
      for (SqlNode row : ((SqlCall) source).getOperandList()) {
        if (row instanceof SqlCall r && r.operandCount() > targets) return r.operand(targets).getParserPosition();
      }
    }
    return source.getParserPosition();
  }

  @Override
  protected void validateWhereOrOn(SqlValidatorScope scope, SqlNode condition, String clause) {
    try {
      super.validateWhereOrOn(scope, condition, clause);
    } catch (CalciteContextException e) {
      RelDataType type = getValidatedNodeTypeIfKnown(condition);
      if (type != null && !SqlTypeUtil.inBooleanFamily(type)) {
        PositionedError pe = new PositionedError(SqlState.DATATYPE_MISMATCH,
            "argument of " + ("ON".equals(clause) ? "JOIN/ON" : clause) + " must be type boolean, not type "
                + PgTypeNames.of(type), condition.getParserPosition(), null);
        pe.initCause(e);
        throw pe;
      }
      throw e;
    }
  }
}
