package org.minidb.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pgjdbc drives the protocol layer (extended query, binary formats, portals) against a scripted engine. */
class PgJdbcTest {
  private PgWireServer server;

  @BeforeEach
  void start() { server = PgWireServer.start(new FakeEngine(), "127.0.0.1", 0); }

  @AfterEach
  void stop() { server.close(); }

  private Connection connect(String options) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?" + options,
        "postgres", "");
  }

  @Test
  void queriesErrorsAndServerVersion() throws SQLException {
    try (Connection c = connect(""); Statement st = c.createStatement()) {
      assertEquals("15.8 (MiniDB 0.1)", c.getMetaData().getDatabaseProductVersion());
      try (ResultSet rs = st.executeQuery("rows 3")) {
        for (int i = 1; i <= 3; i++) {
          assertTrue(rs.next());
          assertEquals(i, rs.getInt("n"));
        }
        assertFalse(rs.next());
      }
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("fail"));
      assertEquals("42601", e.getSQLState());
      try (ResultSet rs = st.executeQuery("rows 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void binaryParametersAndResultsOnceServerPrepared() throws SQLException {
    try (Connection c = connect("prepareThreshold=1");
        PreparedStatement ps = c.prepareStatement("echo ?, ?, ?, ?")) {
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
    try (Connection c = connect("")) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setFetchSize(2);
        int count = 0;
        try (ResultSet rs = st.executeQuery("rows 7")) {
          while (rs.next()) assertEquals(++count, rs.getInt(1));
        }
        assertEquals(7, count);
      }
      c.commit();
    }
  }
}
