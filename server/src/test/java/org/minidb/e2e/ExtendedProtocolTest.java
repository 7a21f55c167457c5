package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parse / Bind / Describe / Execute as pgjdbc drives them: binary parameters and results, portals. */
class ExtendedProtocolTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  /** prepareThreshold=1 makes pgjdbc use a named statement and binary transfer from the first execution. */
  private static Connection binaryConnection() throws Exception {
    Properties p = new Properties();
    p.setProperty("prepareThreshold", "-1");
    p.setProperty("binaryTransfer", "true");
    return server.connect(p);
  }

  @Test
  void preparedStatementsWithBinaryParametersAndResults() throws Exception {
    try (Connection c = binaryConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bin (a smallint, b int, c bigint, d real, e float8, f numeric(12,4), g bool, "
          + "h text, i varchar(10), j bytea, k date, l timestamp, m timestamptz)");
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO bin VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int round = 0; round < 3; round++) {
          ins.setShort(1, (short) (7 + round));
          ins.setInt(2, -42);
          ins.setLong(3, 1L << 40);
          ins.setFloat(4, 2.5f);
          ins.setDouble(5, -1e-300);
          ins.setBigDecimal(6, new BigDecimal("-12345678.1234"));
          ins.setBoolean(7, round % 2 == 0);
          ins.setString(8, "héllo ✓");
          ins.setString(9, "short");
          ins.setBytes(10, new byte[] {1, 2, (byte) 0xfe});
          ins.setDate(11, Date.valueOf(LocalDate.of(2000, 1, 1)));
          ins.setTimestamp(12, Timestamp.valueOf(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000)));
          ins.setObject(13, OffsetDateTime.of(2020, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHours(3)));
          assertEquals(1, ins.executeUpdate());
        }
      }
      try (PreparedStatement q = c.prepareStatement("SELECT * FROM bin WHERE a = ? AND h = ?")) {
        q.setShort(1, (short) 8);
        q.setString(2, "héllo ✓");
        try (ResultSet rs = q.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(8, rs.getShort(1));
          assertEquals(-42, rs.getInt(2));
          assertEquals(1L << 40, rs.getLong(3));
          assertEquals(2.5f, rs.getFloat(4));
          assertEquals(-1e-300, rs.getDouble(5));
          assertEquals(new BigDecimal("-12345678.1234"), rs.getBigDecimal(6));
          assertFalse(rs.getBoolean(7));
          assertEquals("héllo ✓", rs.getString(8));
          assertEquals("short", rs.getString(9));
          assertArrayEquals(new byte[] {1, 2, (byte) 0xfe}, rs.getBytes(10));
          assertEquals(LocalDate.of(2000, 1, 1), rs.getObject(11, LocalDate.class));
          assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000), rs.getObject(12, LocalDateTime.class));
          assertEquals(OffsetDateTime.of(2020, 6, 1, 9, 0, 0, 0, ZoneOffset.UTC),
              rs.getObject(13, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
          assertFalse(rs.next());
          ResultSetMetaData md = rs.getMetaData();
          assertEquals(13, md.getColumnCount());
          assertEquals("a", md.getColumnName(1));
          assertEquals(Types.SMALLINT, md.getColumnType(1));
          assertEquals(Types.NUMERIC, md.getColumnType(6));
          assertEquals("bin", md.getTableName(8));
        }
      }
      s.execute("DROP TABLE bin");
    }
  }

  @Test
  void fetchSizeUsesPortalSuspension() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE many (x int)");
      s.execute("INSERT INTO many SELECT 1");
      for (int i = 0; i < 10; i++) s.execute("INSERT INTO many SELECT x + " + (1 << i) + " FROM many");
      c.setAutoCommit(false);
      try (Statement f = c.createStatement()) {
        f.setFetchSize(100);
        long n = 0;
        long sum = 0;
        try (ResultSet rs = f.executeQuery("SELECT x FROM many ORDER BY x")) {
          while (rs.next()) {
            n++;
            sum += rs.getInt(1);
            assertEquals(n, rs.getInt(1));
          }
        }
        assertEquals(1024, n);
        assertEquals(1024L * 1025 / 2, sum);
      }
      c.commit();
      c.setAutoCommit(true);
      s.execute("DROP TABLE many");
    }
  }

  @Test
  void parameterTypesAreInferredFromContext() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE infer (aid int, abalance int)");
      s.execute("INSERT INTO infer VALUES (1, 10)");
      try (PreparedStatement u = c.prepareStatement("UPDATE infer SET abalance = abalance + ?::int WHERE aid = ?")) {
        u.setObject(1, "5", Types.OTHER);
        u.setObject(2, "1", Types.OTHER);
        assertEquals(1, u.executeUpdate());
      }
      try (PreparedStatement q = c.prepareStatement("SELECT abalance FROM infer WHERE aid = ?")) {
        q.setInt(1, 1);
        try (ResultSet rs = q.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(15, rs.getInt(1));
          assertEquals(Types.INTEGER, q.getParameterMetaData().getParameterType(1));
        }
      }
      s.execute("DROP TABLE infer");
    }
  }
}
