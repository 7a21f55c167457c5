package org.minidb.pgwire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.planner.ResultColumn;
import org.minidb.sql.Engine;
import org.minidb.sql.Notice;
import org.minidb.sql.PortalDescription;
import org.minidb.sql.QuerySink;
import org.minidb.sql.Session;
import org.minidb.sql.StatementDescription;
import org.minidb.sql.TransactionStatus;

/**
 * A scripted stand-in for the SQL engine, so that the protocol layer is tested on its own. Statements:
 * {@code rows N} returns int4 column {@code n} = 1..N; {@code echo} returns its parameters as one row (types as
 * given in Parse, text when unspecified); {@code fail} raises 42601; {@code notice} sends a NOTICE;
 * {@code set tz X} reports TimeZone; {@code begin}/{@code commit}; {@code fatal} raises FATAL 57P01; an empty
 * string is an empty query. Role {@code nobody} is unknown (28000).
 */
final class FakeEngine implements Engine {
  final AtomicInteger sessionsClosed = new AtomicInteger();
  private final AtomicInteger pids = new AtomicInteger(1000);

  @Override
  public Session connect(Map<String, String> startupParameters) {
    if ("nobody".equals(startupParameters.get("user"))) {
      throw DbException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"nobody\" does not exist");
    }
    return new FakeSession(pids.incrementAndGet());
  }

  @Override
  public void close() {}

  private record Prepared(String sql, List<DataType> parameterTypes) {}

  private static final class Portal {
    final Prepared statement;
    final Object[] parameters;
    final short[] formats;
    int next = 1;

    Portal(Prepared statement, Object[] parameters, short[] formats) {
      this.statement = statement;
      this.parameters = parameters;
      this.formats = formats;
    }
  }

  private final class FakeSession implements Session {
    @Override
    public void statementFailed(org.minidb.common.error.DbException error) { }

    private final int pid;
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private TransactionStatus status = TransactionStatus.IDLE;

    FakeSession(int pid) { this.pid = pid; }

    @Override
    public Map<String, String> reportedSettings() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("client_encoding", "UTF8");
      m.put("DateStyle", "ISO, MDY");
      m.put("integer_datetimes", "on");
      m.put("server_version", "15.8 (MiniDB 0.1)");
      m.put("standard_conforming_strings", "on");
      m.put("TimeZone", "Etc/UTC");
      return m;
    }

    @Override public int backendPid() { return pid; }
    @Override public int cancelKey() { return 4242; }

    @Override
    public void simpleQuery(String sql, QuerySink sink) {
      String s = sql.trim();
      if (s.isEmpty()) {
        sink.emptyQuery();
        return;
      }
      Prepared p = new Prepared(s, List.of());
      List<ResultColumn> columns = columns(p);
      if (!columns.isEmpty()) sink.rowDescription(columns);
      run(new Portal(p, new Object[0], new short[0]), 0, sink);
    }

    private List<ResultColumn> columns(Prepared p) {
      if (p.sql.toLowerCase(java.util.Locale.ROOT).startsWith("rows")) return List.of(new ResultColumn("n", DataType.INT4, 0, 0));
      if (p.sql.startsWith("echo")) {
        List<ResultColumn> c = new ArrayList<>();
        for (int i = 0; i < p.parameterTypes.size(); i++) {
          c.add(new ResultColumn("p" + (i + 1), p.parameterTypes.get(i), 0, 0));
        }
        return c;
      }
      return List.of();
    }

    private void run(Portal portal, int maxRows, QuerySink sink) {
      String s = portal.statement.sql.toLowerCase(java.util.Locale.ROOT);
      if (s.endsWith(";")) s = s.substring(0, s.length() - 1);
      if (s.startsWith("set ") && !s.startsWith("set tz ")) {
        sink.commandComplete("SET");
        return;
      }
      switch (s) {
        case "fail" -> throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"fail\"")
            .withPosition(1);
        case "fatal" -> throw DbException.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection");
        case "notice" -> {
          sink.notice(new Notice("NOTICE", "00000", "hello"));
          sink.commandComplete("DO");
        }
        case "begin" -> {
          status = TransactionStatus.IN_TRANSACTION;
          sink.commandComplete("BEGIN");
        }
        case "commit" -> {
          status = TransactionStatus.IDLE;
          sink.commandComplete("COMMIT");
        }
        default -> {
          if (s.startsWith("echo")) {
            sink.dataRow(portal.parameters.clone());
            sink.commandComplete("SELECT 1");
          } else if (s.startsWith("set tz ")) {
            sink.parameterStatus("TimeZone", s.substring(7));
            sink.commandComplete("SET");
          } else if (s.startsWith("rows ")) {
            int total = Integer.parseInt(s.substring(5));
            int sent = 0;
            while (portal.next <= total) {
              if (maxRows > 0 && sent == maxRows) {
                sink.portalSuspended();
                return;
              }
              sink.dataRow(new Object[] {portal.next++});
              sent++;
            }
            sink.commandComplete("SELECT " + sent);
          } else {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + s + "\"");
          }
        }
      }
    }

    @Override
    public void parse(String statementName, String sql, int[] parameterTypeOids) {
      if (!statementName.isEmpty() && statements.containsKey(statementName)) {
        throw DbException.of(SqlState.DUPLICATE_PREPARED_STATEMENT,
            "prepared statement \"" + statementName + "\" already exists");
      }
      List<DataType> types = new ArrayList<>();
      for (int oid : parameterTypeOids) types.add(DataType.of(oid == 0 ? PgType.TEXT : PgType.byOid(oid)));
      statements.put(statementName, new Prepared(sql.trim(), types));
    }

    private Prepared statement(String name) {
      Prepared p = statements.get(name);
      if (p == null) {
        throw DbException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
      }
      return p;
    }

    @Override
    public StatementDescription describeStatement(String statementName) {
      Prepared p = statement(statementName);
      List<ResultColumn> c = columns(p);
      return new StatementDescription(p.parameterTypes, c, !c.isEmpty());
    }

    @Override
    public void bind(String portalName, String statementName, Object[] parameters, short[] resultFormats) {
      portals.put(portalName, new Portal(statement(statementName), parameters, resultFormats));
    }

    @Override
    public PortalDescription describePortal(String portalName) {
      Portal p = portals.get(portalName);
      if (p == null) throw DbException.of(SqlState.INVALID_CURSOR_NAME, "portal \"" + portalName + "\" does not exist");
      List<ResultColumn> c = columns(p.statement);
      return new PortalDescription(c, ExtendedProtocol.expandFormats(p.formats, c.size()), !c.isEmpty());
    }

    @Override
    public void execute(String portalName, int maxRows, QuerySink sink) {
      describePortal(portalName);
      run(portals.get(portalName), maxRows, sink);
    }

    @Override
    public void close(char kind, String name) {
      if (kind == 'S') statements.remove(name);
      else portals.remove(name);
    }

    @Override
    public void sync() {
      portals.remove("");
    }

    @Override public TransactionStatus transactionStatus() { return status; }

    @Override
    public void close() { sessionsClosed.incrementAndGet(); }
  }
}
