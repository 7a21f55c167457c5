package org.minidb.sql.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.TextFormat;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;
import org.minidb.executor.exec.RowInserter;
import org.minidb.executor.plan.InsertNode;
import org.minidb.planner.PlannedStatement;
import org.minidb.planner.ResultColumn;
import org.minidb.planner.StatementKind;
import org.minidb.planner.Statement;
import org.minidb.sql.CopyInStream;
import org.minidb.sql.QuerySink;
import org.minidb.sql.copy.CopyFields;
import org.minidb.sql.copy.CopyOptions;
import org.minidb.sql.copy.CopyRecordReader;
import org.minidb.sql.copy.CopyRowWriter;
import org.minidb.sql.copy.CopyStatement;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;

/**
 * Runs COPY FROM STDIN and COPY TO STDOUT in the statement's transaction. FROM plans
 * {@code INSERT INTO t (cols) VALUES ($1, ...)} once and feeds it each record's values ({@link RowInserter}),
 * so defaults, NOT NULL and CHECKs apply as to INSERT; records are read as they arrive and nothing is kept.
 * TO runs {@code SELECT cols FROM t} (or the given query) and sends one CopyData per row. Errors carry
 * PostgreSQL's CONTEXT ({@code COPY t, line 3, column a: "x"}).
 */
final class CopyCommand {
  /** PostgreSQL's limit_printout_length: longer context values are cut here and marked with "...". */
  private static final int MAX_PRINTED = 100;

  private final BackendSession session;

  CopyCommand(BackendSession session) { this.session = session; }

  void run(CopyStatement copy, Transaction tx, QuerySink sink) {
    if (copy.from()) copyFrom(copy, tx, sink);
    else copyTo(copy, tx, sink);
  }

  private TableDef table(Transaction tx, List<String> name) {
    String schema = name.size() > 1 ? name.get(name.size() - 2) : "public";
    return session.storage().catalog().table(tx, schema, name.get(name.size() - 1)).orElseThrow(() ->
        DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", name) + "\" does not exist"));
  }

  /** The named columns (all when none is named), checked as PostgreSQL's CopyGetAttnums. */
  private static List<ColumnDef> columns(TableDef table, List<String> names) {
    if (names.isEmpty()) return table.columns();
    List<ColumnDef> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      ColumnDef column = table.column(name);
      if (column == null) {
        throw DbException.of(SqlState.UNDEFINED_COLUMN,
            "column \"" + name + "\" of relation \"" + table.name() + "\" does not exist");
      }
      if (!seen.add(name)) {
        throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
      }
      columns.add(column);
    }
    return columns;
  }

  private void copyFrom(CopyStatement copy, Transaction tx, QuerySink sink) {
    TableDef table = table(tx, copy.table());
    List<ColumnDef> columns = columns(table, copy.columns());
    session.checkWritable("COPY FROM");
    List<DataType> types = columns.stream().map(ColumnDef::type).toList();
    String insert = "INSERT INTO " + quote(table.schemaName()) + "." + quote(table.name()) + " ("
        + String.join(", ", columns.stream().map(c -> quote(c.name())).toList()) + ") VALUES ("
        + String.join(", ", java.util.stream.IntStream.rangeClosed(1, columns.size()).mapToObj(i -> "$" + i).toList())
        + ")";
    PlannedStatement planned = (PlannedStatement) session.plan(insert, tx, types);
    ExecContext context = session.execContext(tx, new Object[columns.size()]);
    CopyOptions options = copy.options();
    long count;
    try (RowInserter inserter = new RowInserter((InsertNode) planned.plan(), context)) {
      CopyInStream stream = sink.copyIn(columns.size());
      CopyRecordReader reader = new CopyRecordReader(stream, options);
      long line = 0;
      if (options.header()) {
        line++;
        reader.next();
      }
      Object[] values = new Object[columns.size()];
      String record;
      while ((record = reader.next()) != null) {
        line++;
        try {
          parseRecord(record, columns, options, values, table.name(), line);
          inserter.insert(values);
        } catch (DbException e) {
          throw e.context() != null ? e : e.withContext(context(table.name(), line, record));
        }
      }
      count = inserter.finish();
    }
    sink.commandComplete("COPY " + count);
  }

  private void parseRecord(String record, List<ColumnDef> columns, CopyOptions options, Object[] values,
      String tableName, long line) {
    List<String> fields = CopyFields.split(record, options);
    if (fields.size() > columns.size()) {
      throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column");
    }
    if (fields.size() < columns.size()) {
      throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT,
          "missing data for column \"" + columns.get(fields.size()).name() + "\"");
    }
    for (int i = 0; i < values.length; i++) {
      String field = fields.get(i);
      try {
        values[i] = TextFormat.parse(columns.get(i).type().type(), field, session.timeZone());
      } catch (DbException e) {
        throw e.withContext("COPY " + tableName + ", line " + line + ", column " + columns.get(i).name() + ": "
            + (field == null ? "null input" : "\"" + printable(field) + "\""));
      }
    }
  }

  private static String context(String table, long line, String record) {
    return "COPY " + table + ", line " + line + ": \"" + printable(record) + "\"";
  }

  private static String printable(String s) {
    return s.length() <= MAX_PRINTED ? s : s.substring(0, MAX_PRINTED) + "...";
  }

  private void copyTo(CopyStatement copy, Transaction tx, QuerySink sink) {
    String query;
    if (copy.query() != null) {
      query = copy.query();
    } else {
      TableDef table = table(tx, copy.table());
      List<ColumnDef> columns = columns(table, copy.columns());
      query = "SELECT " + String.join(", ", columns.stream().map(c -> quote(c.name())).toList()) + " FROM "
          + quote(table.schemaName()) + "." + quote(table.name());
    }
    Statement statement = session.plan(query, tx, List.of());
    if (!(statement instanceof PlannedStatement planned) || planned.kind() != StatementKind.SELECT
        || planned.isExplain()) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY (query) TO supports only SELECT queries");
    }
    List<ResultColumn> columns = planned.columns();
    CopyRowWriter writer = new CopyRowWriter(copy.options());
    String[] text = new String[columns.size()];
    sink.copyOut(columns.size());
    if (copy.options().header()) {
      for (int i = 0; i < text.length; i++) text[i] = columns.get(i).name();
      sink.copyData(writer.line(text));
    }
    long count = 0;
    ExecContext context = session.execContext(tx, new Object[0]);
    try (Operator op = Executor.build(planned.plan(), context)) {
      op.open();
      Object[] row;
      while ((row = op.next()) != null) {
        for (int i = 0; i < text.length; i++) {
          text[i] = row[i] == null ? null : TextFormat.format(columns.get(i).type().type(), row[i], session.timeZone());
        }
        sink.copyData(writer.line(text));
        count++;
      }
    }
    sink.copyDone();
    sink.commandComplete("COPY " + count);
  }

  private static String quote(String identifier) { return "\"" + identifier.replace("\"", "\"\"") + "\""; }
}
