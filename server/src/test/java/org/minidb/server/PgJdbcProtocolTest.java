package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidb.e2e.TestServer;

/** pgjdbc drives the protocol layer (extended query, binary formats, portals) against a real server. */
class PgJdbcProtocolTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException { server = TestServer.start(); }

  @AfterAll
  static void stop() throws IOException { server.close(); }

  private static Connection connect(String name, String value) throws SQLException {
    Properties p = new Properties();
    if (name != null) p.setProperty(name, value);
    return server.connect(p);
  }

  /** Column n, int4, 1..count, in order. */
  private static String rows(int count) {
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= count; i++) values.append(i == 1 ? "" : ", ").append('(').append(i).append(')');
    return "SELECT x AS n FROM (VALUES " + values + ") v(x) ORDER BY x";
  }

  @Test
  void queriesErrorsAndServerVersion() throws SQLException {
    try (Connection c = connect(null, null); Statement st = c.createStatement()) {
      assertEquals("15.8 (MiniDB 0.1)", c.getMetaData().getDatabaseProductVersion());
      try (ResultSet rs = st.executeQuery(rows(3))) {
        for (int i = 1; i <= 3; i++) {
          assertTrue(rs.next());
          assertEquals(i, rs.getInt("n"));
        }
        assertFalse(rs.next());
      }
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("fail"));
      assertEquals("42601", e.getSQLState());
      e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT 1/0"));
      assertEquals("22012", e.getSQLState());
      e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM nosuch"));
      assertEquals("42P01", e.getSQLState());
      try (ResultSet rs = st.executeQuery(rows(1))) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void binaryParametersAndResultsOnceServerPrepared() throws SQLException {
    try (Connection c = connect("prepareThreshold", "1");
        PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?")) {
      for (int round = 0; round < 3; round++) {
        ps.setInt(1, 7 + round);
        ps.setBigDecimal(2, new BigDecimal("-12345.678900"));
        ps.setLong(3, 1L << 40);
        ps.setString(4, "héllo");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(7 + round, rs.getInt(1));
          assertEquals(new BigDecimal("-12345.678900"), rs.getBigDecimal(2));
          assertEquals(1L << 40, rs.getLong(3));
          assertEquals("héllo", rs.getString(4));
          assertFalse(rs.next());
        }
      }
    }
  }

  @Test
  void fetchSizeUsesPortalSuspension() throws SQLException {
    try (Connection c = connect(null, null)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setFetchSize(2);
        int count = 0;
        try (ResultSet rs = st.executeQuery(rows(7))) {
          while (rs.next() && count < 100) assertEquals(++count, rs.getInt(1));
        }
        assertEquals(7, count);
      }
      c.commit();
    }
  }
}
