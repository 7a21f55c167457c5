package org.minidb.e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the stepped isolation tests share: the target server ({@link IsolationTarget}, MiniDB or PostgreSQL),
 * Hermitage's table set up afresh before every test, and the clients (T1, T2, ...) that step through it.
 */
abstract class HermitageTableTest {
  static IsolationTarget target;

  @BeforeAll
  static void start() throws Exception { target = IsolationTarget.start(); }

  @AfterAll
  static void stop() throws Exception { target.close(); }

  /** Hermitage's setup before every test case, without its primary key (MiniDB has no PRIMARY KEY yet). */
  @BeforeEach
  void setUpTable() throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      s.execute("drop table if exists test");
      s.execute("create table test (id int, value int)");
      s.execute("insert into test (id, value) values (1, 10), (2, 20)");
    }
  }

  static SteppedClient client(String name) throws SQLException {
    return new SteppedClient(name, target.connect());
  }

  /** A client that has begun its transaction at {@code level}, as Hermitage's scripts start. */
  static SteppedClient begun(String name, TxLevel level) throws SQLException {
    SteppedClient c = client(name);
    try {
      c.begin(level.sqlName);
      return c;
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }
}
