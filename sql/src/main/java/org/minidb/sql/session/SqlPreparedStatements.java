package org.minidb.sql.session;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.planner.PlannedStatement;
import org.minidb.planner.Statement;
import org.minidb.planner.StatementKind;
import org.minidb.sql.Notice;
import org.minidb.sql.QuerySink;
import org.minidb.sql.engine.CustomPlanChoice;
import org.minidb.sql.engine.ParameterInlining;
import org.minidb.sql.parse.PreparedStatementSql;
import org.minidb.sql.parse.UtilityParser;
import org.minidb.storage.tx.Transaction;

/**
 * PREPARE, EXECUTE, EXPLAIN EXECUTE and DEALLOCATE in SQL (PostgreSQL's prepare.c). A statement prepared in SQL is
 * a named prepared statement of the session like one from the protocol's Parse: the same map, the same
 * custom/generic plan choice, visible to both (a client may Bind what PREPARE made, and DEALLOCATE what Parse made).
 * EXECUTE's values are expressions, evaluated once as a {@code SELECT} of each cast to its parameter's type, so
 * they read and convert as in PostgreSQL ({@code EXECUTE p('5')} for an integer parameter).
 */
final class SqlPreparedStatements {
  private SqlPreparedStatements() {}

  /** @param describe whether rows go with their RowDescription (the simple query protocol; Describe otherwise) */
  static void run(BackendSession session, PreparedStatementSql.Command command, QuerySink sink, boolean describe) {
    switch (command) {
      case PreparedStatementSql.Prepare p -> prepare(session, p, sink);
      case PreparedStatementSql.Execute e -> execute(session, e, sink, describe);
      case PreparedStatementSql.Deallocate d -> {
        if (d.name() == null) {
          session.preparedStatements().clear();
          sink.commandComplete("DEALLOCATE ALL");
        } else {
          if (session.preparedStatements().remove(d.name()) == null) throw missing(d.name());
          sink.commandComplete("DEALLOCATE");
        }
      }
    }
  }

  private static void prepare(BackendSession session, PreparedStatementSql.Prepare p, QuerySink sink) {
    if (session.preparedStatements().containsKey(p.name())) {
      throw DbException.of(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + p.name()
          + "\" already exists");
    }
    if (UtilityParser.parse(p.statement()) != null || PreparedStatementSql.parse(p.statement()) != null) {
      String word = p.statement().split("[\\s;(]", 2)[0];
      throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"")
          .withPosition(p.statementOffset() + 1);
    }
    List<DataType> types = new ArrayList<>();
    for (int i = 0; i < p.typeNames().size(); i++) {
      try {
        types.add(type(p.typeNames().get(i)));
      } catch (DbException e) {
        throw e.withPosition(p.typeOffsets().get(i) + 1);
      }
    }
    PreparedStatementEntry entry;
    try {
      entry = session.prepareNamed(p.statement(), types);
    } catch (DbException e) {
      throw e.position() > 0 ? e.withPosition(e.position() + p.statementOffset()) : e;
    }
    session.preparedStatements().put(p.name(), entry);
    sink.commandComplete("PREPARE");
  }

  /** A parameter type as written in PREPARE: PostgreSQL's names, a type modifier ignored. */
  private static DataType type(String written) {
    String name = written.replaceAll("\\(.*\\)", "").strip().replaceAll("\\s+", " ");
    if (name.startsWith("pg_catalog.")) name = name.substring("pg_catalog.".length());
    PgType t = PgType.byName(name.replace("\"", ""));
    if (t == null) throw DbException.of(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
    return DataType.of(t);
  }

  /** The columns the command answers with: the prepared query's, EXPLAIN's one text column, or none. */
  static List<org.minidb.planner.ResultColumn> columns(BackendSession session, PreparedStatementSql.Command command) {
    if (!(command instanceof PreparedStatementSql.Execute e)) return List.of();
    if (e.explain() != null) return List.of(new org.minidb.planner.ResultColumn("QUERY PLAN", DataType.TEXT, 0, 0));
    return session.currentStatement(e.name()).statement() instanceof PlannedStatement p
        && p.kind() == StatementKind.SELECT ? p.columns() : List.of();
  }

  private static void execute(BackendSession session, PreparedStatementSql.Execute e, QuerySink sink,
      boolean describe) {
    PreparedStatementEntry entry = session.currentStatement(e.name());
    if (!(entry.statement() instanceof PlannedStatement generic)) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "EXECUTE of prepared statement \"" + e.name()
          + "\" is not supported: it was not prepared from a query");
    }
    List<DataType> types = generic.parameterTypes();
    if (e.values().size() != types.size()) {
      throw DbException.of(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \""
          + e.name() + "\"").withDetail("Expected " + types.size() + " parameters but got " + e.values().size() + ".");
    }
    Transaction tx = session.beginStatement();
    Object[] values = values(session, e, types, tx);
    Portal portal = new Portal(entry, values, new short[0]);
    if (e.explain() != null) {
      explain(session, entry, generic, values, e.explain(), tx, sink, describe);
      return;
    }
    Statement statement = session.planFor(entry, portal, tx);
    if (describe && statement instanceof PlannedStatement planned && planned.kind() == StatementKind.SELECT) {
      sink.rowDescription(planned.columns());
    }
    session.runStatement(statement, tx, portal, 0, sink);
  }

  /**
   * EXPLAIN of the plan the execution would run: the custom plan (the values inlined) while the statement's plan
   * choice says so, else the generic plan with the values as its parameters ({@code Index Cond: (id = $1)}), as
   * PostgreSQL shows them.
   */
  private static void explain(BackendSession session, PreparedStatementEntry entry, PlannedStatement generic,
      Object[] values, String options, Transaction tx, QuerySink sink, boolean describe) {
    CustomPlanChoice choice = entry.choice();
    String prefix = "EXPLAIN " + options + " ";
    Statement plan = null;
    Object[] parameters = values;
    if (choice != null && choice.useCustomPlan(session.setting("plan_cache_mode"), generic)) {
      String text = ParameterInlining.inline(entry.sql(), values, generic.parameterTypes());
      if (text != null) {
        plan = session.plan(prefix + text, tx, List.of());
        parameters = new Object[0];
        // As in PostgreSQL, the custom plan EXPLAIN shows counts toward the choice of the generic plan.
        if (plan instanceof PlannedStatement planned) choice.customPlanMade(planned);
      }
    }
    if (plan == null) plan = session.plan(prefix + entry.sql(), tx, generic.parameterTypes());
    if (describe && plan instanceof PlannedStatement planned) sink.rowDescription(planned.columns());
    session.runStatement(plan, tx, new Portal(null, parameters, new short[0]), 0, sink);
  }

  /**
   * The values of EXECUTE: {@code SELECT CAST((v1) AS t1), ...} planned and run once; an error's position is moved
   * from that text to the value's place in the EXECUTE.
   */
  private static Object[] values(BackendSession session, PreparedStatementSql.Execute e, List<DataType> types,
      Transaction tx) {
    List<String> texts = e.values();
    if (texts.isEmpty()) return new Object[0];
    StringBuilder select = new StringBuilder("SELECT ");
    int[] starts = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      if (i > 0) select.append(", ");
      select.append("CAST((");
      starts[i] = select.length();
      select.append(texts.get(i)).append(") AS ").append(types.get(i).type().sqlName()).append(')');
    }
    try {
      return evaluate(session, select.toString(), tx);
    } catch (DbException error) {
      int at = error.position() - 1;
      for (int i = texts.size() - 1; i >= 0 && at >= 0; i--) {
        if (at >= starts[i] - "CAST((".length()) { // an error at the cast or its parentheses: the value's start
          int within = Math.max(0, Math.min(at - starts[i], texts.get(i).length()));
          return throwAt(error, e.valueOffsets().get(i) + within + 1);
        }
      }
      throw error;
    }
  }

  private static Object[] throwAt(DbException error, int position) { throw error.withPosition(position); }

  private static Object[] evaluate(BackendSession session, String select, Transaction tx) {
    Statement statement = session.plan(select, tx, List.of());
    Object[][] row = new Object[1][];
    QuerySink collect = new QuerySink() {
      @Override public void rowDescription(List<org.minidb.planner.ResultColumn> columns) {}
      @Override public void dataRow(Object[] v) { row[0] = v.clone(); }
      @Override public void commandComplete(String tag) {}
      @Override public void emptyQuery() {}
      @Override public void portalSuspended() {}
      @Override public void notice(Notice notice) {}
      @Override public void parameterStatus(String name, String value) {}
      @Override public void error(DbException error) { throw error; }
    };
    session.runStatement(statement, tx, new Portal(null, new Object[0], new short[0]), 0, collect);
    return row[0];
  }

  private static DbException missing(String name) {
    return DbException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
  }
}
