package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * synchronous_commit over pgjdbc: its values as PostgreSQL takes them, per session and per transaction (SET
 * LOCAL), and off answering a commit before its record is flushed while the data is visible at once and
 * present after a clean restart. The WAL writer is slowed (wal_writer_delay = 1h) so that nothing but a
 * synchronous commit flushes during the test.
 */
class SynchronousCommitTest {
  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  private static long lsn(Statement s, String function) throws SQLException {
    String[] p = one(s, "SELECT " + function + "()").split("/");
    return Long.parseLong(p[0], 16) << 32 | Long.parseLong(p[1], 16);
  }

  @Test
  void valuesAreThoseOfPostgresql() throws Exception {
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals("on", one(s, "SHOW synchronous_commit"));
      for (String[] v : new String[][] {{"off", "off"}, {"local", "local"}, {"remote_write", "remote_write"},
          {"REMOTE_APPLY", "remote_apply"}, {"true", "on"}, {"0", "off"}, {"on", "on"}}) {
        s.execute("SET synchronous_commit = '" + v[0] + "'");
        assertEquals(v[1], one(s, "SHOW synchronous_commit"), v[0]);
      }
      var error = SqlErrors.expectError(s, "SET synchronous_commit = bogus", "22023");
      assertEquals("invalid value for parameter \"synchronous_commit\": \"bogus\"", error.getMessage());
      assertEquals("Available values: local, remote_write, remote_apply, on, off.", error.getHint());
    }
  }

  @Test
  void offAnswersBeforeTheFlushPerSessionAndPerTransaction() throws Exception {
    try (TestServer server = TestServer.start(Map.of("wal_writer_delay", "1h", "checkpoint_timeout", "1h"))) {
      try (Connection c = server.connect(); Connection other = server.connect();
          Statement s = c.createStatement(); Statement o = other.createStatement()) {
        s.execute("CREATE TABLE sc (id int, note text)");
        // Session level: autocommit INSERTs are answered while their commit records are not durable.
        s.execute("SET synchronous_commit = off");
        for (int i = 1; i <= 3; i++) s.execute("INSERT INTO sc VALUES (" + i + ", 'async')");
        long inserted = lsn(s, "pg_current_wal_lsn");
        assertTrue(lsn(s, "pg_current_wal_flush_lsn") < inserted, "no flush for an async commit");
        assertEquals("3", one(o, "SELECT count(*) FROM sc"), "committed and visible to others at once");

        // SET LOCAL on for one transaction: its commit flushes (and so covers the async ones before it).
        s.execute("BEGIN");
        s.execute("SET LOCAL synchronous_commit = local");
        assertEquals("local", one(s, "SHOW synchronous_commit"));
        s.execute("INSERT INTO sc VALUES (4, 'sync')");
        long beforeCommit = lsn(s, "pg_current_wal_lsn");
        s.execute("COMMIT");
        assertTrue(lsn(s, "pg_current_wal_flush_lsn") > beforeCommit, "the commit record was flushed");
        assertEquals("off", one(s, "SHOW synchronous_commit"), "SET LOCAL ended with its transaction");

        // And the other way round: SET LOCAL off in a session that commits synchronously.
        o.execute("BEGIN");
        o.execute("SET LOCAL synchronous_commit TO off");
        o.execute("INSERT INTO sc VALUES (5, 'async local')");
        long beforeAsyncCommit = lsn(o, "pg_current_wal_lsn");
        o.execute("COMMIT");
        assertTrue(lsn(o, "pg_current_wal_flush_lsn") < beforeAsyncCommit, "no flush for SET LOCAL off");
        assertEquals("on", one(o, "SHOW synchronous_commit"));
        assertEquals("5", one(s, "SELECT count(*) FROM sc"));
      }
      server.stop(); // a clean shutdown flushes everything
      server.startAgain();
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        assertEquals("5", one(s, "SELECT count(*) FROM sc"));
        assertEquals("15", one(s, "SELECT sum(id) FROM sc"));
      }
    }
  }
}
