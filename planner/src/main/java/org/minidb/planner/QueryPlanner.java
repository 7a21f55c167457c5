package org.minidb.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.planner.catalog.CatalogReaders;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.compile.ExprCompiler;
import org.minidb.planner.compile.PlanBuilder;
import org.minidb.planner.rel.SqlToRel;
import org.minidb.planner.validate.CaseInsensitiveOperatorTable;
import org.minidb.planner.validate.LiteralCasts;
import org.minidb.planner.validate.ParsedSql;
import org.minidb.planner.validate.PgFunctions;
import org.minidb.planner.validate.PgValidator;
import org.minidb.planner.validate.PositionedError;
import org.minidb.planner.validate.ResultColumnNames;
import org.minidb.planner.validate.TableAliases;
import org.minidb.planner.validate.ValidationErrors;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.ViewDef;

/**
 * The pipeline for queries and DML (notes section 2): validate against the catalog view, convert to
 * relational algebra, rewrite (selection pushdown), convert to executor plan nodes with compiled expressions.
 * Stateless: every Calcite object it creates lives for one call.
 */
final class QueryPlanner {
  /** Shared and read-only: the standard operators plus PostgreSQL's library, looked up case-insensitively. */
  static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(PgFunctions.TABLE,
      new CaseInsensitiveOperatorTable(SqlLibraryOperatorTableFactory.INSTANCE
          .getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL)),
      org.minidb.planner.validate.RegistryFunctions.TABLE);

  /** What validation and conversion produce, before plan nodes are built. */
  record Converted(PgValidator validator, SqlNode validated, RelRoot root, RexBuilder rexBuilder,
      DataType[] parameterTypes, List<String> parsedNames, List<Boolean> parsedCasts) {}

  Converted convert(String sql, ParsedSql parsed, CatalogView catalog, List<DataType> givenTypes) {
    RelDataTypeFactory tf = CatalogReaders.newTypeFactory();
    CalciteCatalogReader reader = CatalogReaders.create(catalog, tf);
    ViewUpdates.refuseViewTarget(parsed.node(), catalog);
    int[] indexes = parsed.parameterIndexes();
    int count = givenTypes.size();
    for (int i : indexes) count = Math.max(count, i + 1);
    DataType[] types = new DataType[count];
    RelDataType[] declared = new RelDataType[indexes.length];
    for (int k = 0; k < givenTypes.size(); k++) {
      DataType d = givenTypes.get(k);
      if (d != null && d.type() != PgType.UNKNOWN) types[k] = d;
    }
    for (int i = 0; i < indexes.length; i++) {
      if (types[indexes[i]] != null) declared[i] = TypeMapping.toRel(tf, types[indexes[i]], true);
    }
    PgValidator validator = PgValidator.create(OPERATORS, reader, tf, declared);
    List<String> parsedNames = ResultColumnNames.ofParsed(parsed.node());
    List<Boolean> parsedCasts = ResultColumnNames.castsOfParsed(parsed.node());
    SqlNode validated = validate(validator, parsed);
    inferParameterTypes(validator, validated, indexes, types);
    RexBuilder rexBuilder = SqlToRel.newRexBuilder(tf);
    RelOptCluster cluster = SqlToRel.newCluster(rexBuilder);
    RelRoot root = SqlToRel.convert(validator, reader, cluster, validated, new ViewExpansion(reader, cluster));
    return new Converted(validator, validated, root, rexBuilder, types, parsedNames, parsedCasts);
  }

  /** Validates a parsed statement, with PostgreSQL's errors for what Calcite or MiniDB's checks refuse. */
  static SqlNode validate(PgValidator validator, ParsedSql parsed) {
    SqlNode validated;
    try {
      validated = validator.validate(parsed.node());
    } catch (CalciteContextException e) {
      throw ValidationErrors.translate(e, parsed);
    } catch (PositionedError e) {
      throw e.toDbException(parsed);
    }
    LiteralCasts.check(validator, validated, parsed);
    return validated;
  }

  /** Each untyped parameter takes the type Calcite inferred for its first occurrence. */
  private static void inferParameterTypes(PgValidator validator, SqlNode validated, int[] indexes,
      DataType[] types) {
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        // PostgreSQL types LIMIT and OFFSET parameters as bigint (Calcite: integer).
        if (call instanceof SqlSelect select) {
          for (SqlNode n : java.util.Arrays.asList(select.getFetch(), select.getOffset())) {
            if (n instanceof SqlDynamicParam p && types[indexes[p.getIndex()]] == null) {
              types[indexes[p.getIndex()]] = DataType.INT8;
            }
          }
        }
        return super.visit(call);
      }

      @Override
      public Void visit(SqlDynamicParam param) {
        int pg = indexes[param.getIndex()];
        if (types[pg] == null) {
          RelDataType t = validator.getValidatedNodeTypeIfKnown(param);
          // As in PostgreSQL, an inferred parameter type has no typmod (varchar, not varchar(5)).
          if (t != null) types[pg] = DataType.of(TypeMapping.fromRel(t).type());
        }
        return null;
      }
    });
    for (int i = 0; i < types.length; i++) {
      if (types[i] == null) types[i] = DataType.TEXT;
    }
  }

  PlannedStatement plan(String sql, ParsedSql parsed, CatalogView catalog, List<DataType> givenTypes) {
    Converted c = convert(sql, parsed, catalog, givenTypes);
    StatementKind kind = switch (c.validated().getKind()) {
      case INSERT -> StatementKind.INSERT;
      case UPDATE -> StatementKind.UPDATE;
      case DELETE -> StatementKind.DELETE;
      case SELECT, ORDER_BY, UNION, INTERSECT, EXCEPT, VALUES, WITH -> StatementKind.SELECT;
      default -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          c.validated().getKind() + " statements are not supported");
    };
    RelNode rel = SqlToRel.rewrite(c.root().project());
    List<DataType> parameterTypes = List.of(c.parameterTypes());
    ExprCompiler compiler = new ExprCompiler(c.rexBuilder(), parsed.parameterIndexes(), parameterTypes, null);
    PlanBuilder builder = new PlanBuilder(compiler, c.rexBuilder(), parsed.parameterIndexes(),
        new StoredExpressions(this), rel, TableAliases.of(c.validated(), id -> viewQuery(catalog, id)))
        .distinctOn(parsed.distinctOnKeys());
    PlanBuilder.Result result = parsed.locking() == null ? builder.build(rel) : builder.build(rel, parsed.locking());
    List<ResultColumn> columns = kind == StatementKind.SELECT ? resultColumns(c, rel, catalog) : List.of();
    return new PlannedStatement(kind, result.plan(), columns, parameterTypes, result.explain().render(), false,
        result.explain(), null);
  }

  /** The query of the view a table reference names, parsed afresh, or null when it names no view. */
  private static SqlNode viewQuery(CatalogView catalog, SqlIdentifier id) {
    if (id.names.size() > 2) return null;
    String schema = id.names.size() == 2 ? id.names.get(0) : null;
    return catalog.view(schema, id.names.getLast())
        .map(v -> org.minidb.planner.parse.PgParser.parse(v.definition()).node()).orElse(null);
  }

  static List<ResultColumn> resultColumns(Converted c, RelNode rel, CatalogView catalog) {
    List<RelDataTypeField> fields = rel.getRowType().getFieldList();
    List<String> names = c.parsedNames() != null && c.parsedNames().size() == fields.size()
        ? c.parsedNames() : ResultColumnNames.of(c.validated(), fields.size());
    boolean bareValues = c.validated().getKind() == SqlKind.VALUES;
    List<List<String>> origins = c.validator().getFieldOrigins(c.validated());
    List<ResultColumn> out = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      String name = bareValues ? ResultColumnNames.valuesColumn(i)
          : names != null ? names.get(i) : fields.get(i).getName();
      // An explicit cast keeps its typmod (char(3), numeric(5,2)); other expressions report none.
      boolean cast = c.parsedCasts() != null && c.parsedCasts().size() == fields.size() ? c.parsedCasts().get(i)
          : rel instanceof Project p && p.getProjects().get(i).getKind() == SqlKind.CAST;
      DataType type = cast ? TypeMapping.fromRel(fields.get(i).getType()) : TypeMapping.resultType(fields.get(i).getType());
      long tableOid = 0;
      int attnum = 0;
      List<String> origin = origins != null && i < origins.size() ? origins.get(i) : null;
      if (origin != null && origin.size() >= 2) {
        String schema = origin.size() >= 3 ? origin.get(origin.size() - 3) : null;
        String relation = origin.get(origin.size() - 2);
        String column = origin.get(origin.size() - 1);
        TableDef t = catalog.table(schema, relation).orElse(null);
        ColumnDef col = t == null ? null : t.column(column);
        if (col != null) {
          tableOid = t.oid();
        } else if (t == null) {
          // A column of a view: PostgreSQL names the view (and keeps the column's typmod) in RowDescription.
          ViewDef v = catalog.view(schema, relation).orElse(null);
          col = v == null ? null : v.column(column);
          if (col != null) tableOid = v.oid();
        }
        if (col != null) {
          attnum = col.attnum();
          type = col.type();
        }
      }
      out.add(new ResultColumn(name, type, tableOid, attnum));
    }
    return List.copyOf(out);
  }

}
