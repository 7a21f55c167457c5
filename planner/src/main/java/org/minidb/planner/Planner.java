package org.minidb.planner;

import org.minidb.planner.cost.CostParameters;

import java.util.List;
import java.util.Optional;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.planner.cost.CostParameters;
import org.minidb.planner.ddl.DdlConverter;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.ExplainAnalyzeNode;
import org.minidb.executor.plan.ValuesNode;
import org.minidb.planner.explain.ExplainNode;
import org.minidb.planner.explain.ExplainOptions;
import org.minidb.planner.explain.ExplainOutput;
import org.minidb.planner.parse.ParsedStatement;
import org.minidb.planner.parse.PgCreateView;
import org.minidb.planner.parse.PgExplain;
import org.minidb.planner.parse.PgParser;
import org.minidb.planner.parse.PgReturning;
import org.minidb.planner.validate.ParsedSql;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * The planner facade: one instance per server, safe for concurrent use (it keeps no per-statement state;
 * every Calcite object lives for one call, the shared operator table and rule programs are immutable). It
 * turns one statement's text into a {@link PlannedStatement} (queries and DML: an executable plan) or a
 * validated DDL description.
 */
public final class Planner {
  private final QueryPlanner queries = new QueryPlanner();
  private final StoredExpressions storedExpressions = new StoredExpressions(queries);
  private final IndexExpressionCompiler indexExpressions = new IndexExpressionCompiler(storedExpressions);

  /** What evaluates index expressions and predicates for storage (install it in the storage engine). */
  public org.minidb.storage.index.IndexExpressions.Compiler indexExpressions() { return indexExpressions; }

  /**
   * Checks an index expression or a partial index's predicate against the table, as CREATE INDEX does (42703,
   * 42P17 for functions that are not IMMUTABLE, 42804 for a predicate that is not boolean); the expression's type.
   */
  public DataType checkIndexExpression(TableDef table, String text, boolean predicate) {
    return indexExpressions.check(table, text, predicate);
  }

  /**
   * Plans a few representative statements over a throw-away catalog, so that the first client statement
   * does not pay for Calcite's class initialisation (several seconds in a fresh JVM). Call once at startup.
   */
  public void warmUp() {
    TableDef t = new TableDef(1, 1, "public", "warm_up", 1,
        List.of(new ColumnDef("a", 1, DataType.INT4, true, null),
            new ColumnDef("b", 2, DataType.TEXT, false, "'x'")),
        List.of(new CheckConstraint("warm_up_a_check", "a > 0")));
    CatalogView view = new CatalogView() {
      @Override public long version() { return 0; }
      @Override public Optional<TableDef> table(String schema, String name) {
        return name.equals(t.name()) ? Optional.of(t) : Optional.empty();
      }
      @Override public List<TableDef> tables() { return List.of(t); }
    };
    for (String sql : List.of("SELECT a, b FROM warm_up WHERE a = $1", "INSERT INTO warm_up (a) VALUES ($1)",
        "UPDATE warm_up SET a = a + $1 WHERE a = $2", "DELETE FROM warm_up WHERE b = 'x'",
        "SELECT x.b, count(*) FROM warm_up x JOIN warm_up y ON x.a = y.a GROUP BY x.b ORDER BY 2 LIMIT 10")) {
      prepare(sql, view, List.of());
    }
  }

  /**
   * Plans one statement.
   *
   * @param sql the text of a single statement; may contain {@code $n} parameters
   * @param parameterTypes the client's types for {@code $1, $2, ...}; a null or UNKNOWN entry (or a missing
   *     one) is inferred from context
   * @throws DbException with PostgreSQL's SQLSTATE, message and position
   */
  public Statement prepare(String sql, CatalogView catalog, List<DataType> parameterTypes) {
    return prepare(sql, catalog, parameterTypes, CostParameters.DEFAULTS);
  }

  /**
   * {@link #prepare(String, CatalogView, List)} under the session's planner settings ({@code enable_*}, the cost
   * constants, work_mem): every cost computed while planning reads them through {@link CostParameters#current()}.
   */
  public Statement prepare(String sql, CatalogView catalog, List<DataType> parameterTypes, CostParameters costs) {
    return costs.bind(() -> prepareBound(sql, catalog, parameterTypes));
  }

  private Statement prepareBound(String sql, CatalogView catalog, List<DataType> parameterTypes) {
    try {
      return plan(sql, catalog, parameterTypes);
    } catch (DbException e) {
      throw e;
    } catch (UnsupportedOperationException e) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "not supported: " + e.getMessage(), e);
    } catch (RuntimeException | AssertionError e) {
      // Calcite failed where it should not: report it as PostgreSQL reports internal errors, cause kept.
      throw DbException.internal("could not plan the statement: " + e, e);
    }
  }

  private Statement plan(String sql, CatalogView catalog, List<DataType> parameterTypes) {
    PgExplain explain = PgExplain.of(sql);
    if (explain != null) return explain(explain, sql, catalog, parameterTypes);
    ParsedStatement statement = PgParser.parse(sql);
    if (statement.node() instanceof PgCreateView create) return ViewPlanner.plan(queries, create, statement, catalog);
    if (DdlConverter.isDdl(statement.node())) {
      Statement ddl = DdlConverter.convert(statement);
      if (ddl instanceof CreateTableStatement create) storedExpressions.validate(create);
      return ddl;
    }
    if (statement.node() instanceof PgReturning) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "RETURNING is not supported yet");
    }
    ParsedSql parsed = ParsedSql.of(statement);
    return switch (parsed.node().getKind()) {
      case SELECT, ORDER_BY, UNION, INTERSECT, EXCEPT, VALUES, WITH, INSERT, UPDATE, DELETE ->
          queries.plan(sql, parsed, catalog, parameterTypes == null ? List.of() : parameterTypes);
      default -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "statement is not supported: " + parsed.node().getKind());
    };
  }

  /**
   * EXPLAIN: the explained statement is planned, and its plan as EXPLAIN shows it becomes the rows of one text
   * column, {@code QUERY PLAN} (MiniDB has no json type: FORMAT JSON is one text row). Without ANALYZE they are
   * fixed now; with ANALYZE the plan is an {@link ExplainAnalyzeNode} that runs the statement when executed (its
   * changes happen) and renders the rows from the measured figures.
   */
  private Statement explain(PgExplain explain, String sql, CatalogView catalog, List<DataType> parameterTypes) {
    if (explain.format().equals("xml") || explain.format().equals("yaml")) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN (FORMAT " + explain.format().toUpperCase(
          java.util.Locale.ROOT) + ") is not supported yet");
    }
    String inner = explain.statement(sql);
    long start = System.nanoTime();
    if (PgExplain.of(inner) != null || !(plan(inner, catalog, parameterTypes) instanceof PlannedStatement planned)) {
      // PostgreSQL's grammar allows only queries and DML after EXPLAIN.
      String word = inner.strip().split("\\s+", 2)[0];
      throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"")
          .withPosition(explain.statementStart() + 1);
    }
    long planningNanos = System.nanoTime() - start;
    ExplainOptions options = explain.options();
    ExplainNode tree = planned.explainTree();
    List<ResultColumn> columns = List.of(new ResultColumn("QUERY PLAN", DataType.TEXT, 0, 0));
    if (options.analyze()) {
      ExplainAnalyzeNode run = new ExplainAnalyzeNode(planned.plan(), options.timing(), options.buffers(),
          DataType.TEXT, (instr, executionNanos) -> ExplainOutput.rows(tree, options, instr, planningNanos,
              executionNanos));
      return new PlannedStatement(StatementKind.SELECT, run, columns, planned.parameterTypes(), planned.explain(),
          true, tree, planned.kind());
    }
    List<List<org.minidb.executor.expr.Expr>> rows = ExplainOutput.rows(tree, options, null, planningNanos, 0)
        .stream().map(line -> List.<org.minidb.executor.expr.Expr>of(Exprs.literal(line))).toList();
    return new PlannedStatement(StatementKind.SELECT, new ValuesNode(rows, List.of(DataType.TEXT)), columns,
        planned.parameterTypes(), planned.explain(), true, tree, null);
  }
}
