package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOAST end to end (issue 4): values too big for a page are stored out of line in the table's TOAST relation,
 * through pgjdbc. Expected answers are PostgreSQL 15's (lengths, comparisons, substring, LIKE, sizes are
 * compared only as "grew" / "shrank", never as PostgreSQL's exact byte counts).
 */
class ToastTest {
  private static final int HUNDRED_MB = 100 * 1024 * 1024;

  /**
   * A 100 MB bytea (incompressible) inserted with setBytes (binary Bind), read back in binary and equal (SHA-256),
   * then the server is killed with SIGKILL, restarted, and the value is still there; a clean restart too.
   */
  @Test
  void aHundredMegabyteByteaRoundTripsInBinaryAndSurvivesKillAndRestart(@TempDir Path dir) throws Exception {
    byte[] value = new byte[HUNDRED_MB];
    new Random(42).nextBytes(value);
    byte[] expected = sha256(value);
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    Process server = start(data, log);
    try {
      int port = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE blobs (id int, name text, v bytea)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO blobs VALUES (?, ?, ?)")) {
          ps.setInt(1, 1);
          ps.setString(2, "big");
          ps.setBytes(3, value);
          assertEquals(1, ps.executeUpdate());
        }
        value = null; // let the test JVM keep only one 100 MB array at a time
        assertArrayEquals(expected, readHash(c, 1));
        try (ResultSet rs = s.executeQuery("SELECT length(v), name FROM blobs")) {
          assertTrue(rs.next());
          assertEquals(HUNDRED_MB, rs.getInt(1));
          assertEquals("big", rs.getString(2));
        }
      }
      server.destroyForcibly(); // kill -9: the committed value must come back from the WAL
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
      Files.writeString(log, "");
      server = start(data, log);
      int port2 = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port2)) {
        assertArrayEquals(expected, readHash(c, 1));
      }
      server.destroy(); // SIGTERM: a clean shutdown
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, server.exitValue(), Files.readString(log));
      Files.writeString(log, "");
      server = start(data, log);
      int port3 = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port3); Statement s = c.createStatement()) {
        assertArrayEquals(expected, readHash(c, 1));
        assertEquals(1, s.executeUpdate("DELETE FROM blobs"));
        s.execute("VACUUM blobs");
        try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('blobs')")) {
          assertTrue(rs.next());
          assertTrue(rs.getLong(1) < 1024 * 1024, "space of the chunks freed: " + rs.getLong(1));
        }
      }
    } finally {
      server.destroyForcibly();
      server.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** A 10 MB text value is updated, compared, measured, cut and matched. */
  @Test
  void aTenMegabyteTextCanBeUpdatedAndCompared() throws Exception {
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE docs (id int, v text)");
      s.execute("INSERT INTO docs VALUES (1, repeat('ab', 5000000)), (2, 'small')");
      assertEquals(1, s.executeUpdate("UPDATE docs SET v = v || 'x' WHERE id = 1"));
      assertEquals("10000001", one(s, "SELECT length(v) FROM docs WHERE id = 1"));
      assertEquals("t", one(s, "SELECT v = repeat('ab', 5000000) || 'x' FROM docs WHERE id = 1"));
      assertEquals("f", one(s, "SELECT v = repeat('ab', 5000000) FROM docs WHERE id = 1"));
      assertEquals("t", one(s, "SELECT v < 'ac' FROM docs WHERE id = 1"));
      assertEquals("t", one(s, "SELECT v > 'ab' FROM docs WHERE id = 1"));
      assertEquals("babx", one(s, "SELECT substring(v from 9999998 for 10) FROM docs WHERE id = 1"));
      assertEquals("t", one(s, "SELECT v LIKE 'abab%abx' FROM docs WHERE id = 1"));
      assertEquals("f", one(s, "SELECT v LIKE '%ba' FROM docs WHERE id = 1"));
      assertEquals("1", one(s, "SELECT id FROM docs WHERE v LIKE '%bx'"));
      assertEquals("2", one(s, "SELECT count(*) FROM docs"));
      // Read whole, through the wire in text.
      try (ResultSet rs = s.executeQuery("SELECT v FROM docs WHERE id = 1")) {
        assertTrue(rs.next());
        String v = rs.getString(1);
        assertEquals(10_000_001, v.length());
        assertTrue(v.startsWith("abab") && v.endsWith("babx"));
      }
      // An UPDATE of another column keeps the value (stored again as a copy).
      assertEquals(1, s.executeUpdate("UPDATE docs SET id = 3 WHERE id = 1"));
      assertEquals("10000001", one(s, "SELECT length(v) FROM docs WHERE id = 3"));
      // A text that does not compress, set from a parameter.
      String random = randomText(new Random(7), 10_000_000);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs VALUES (4, ?)")) {
        ps.setString(1, random);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT v = ?, length(v) FROM docs WHERE id = 4")) {
        ps.setString(1, random);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertTrue(rs.getBoolean(1));
          assertEquals(10_000_000, rs.getInt(2));
        }
      }
      assertEquals("t", one(s, "SELECT a.v <> b.v FROM docs a, docs b WHERE a.id = 3 AND b.id = 4"));
    }
  }

  /** 1000 rows of 10 KB each round trip; rows stay small in the heap (the values are out of line). */
  @Test
  void aThousandTenKilobyteValuesRoundTrip() throws Exception {
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE mids (id int, v text, b bytea)");
      Random random = new Random(1);
      String[] texts = new String[1000];
      byte[][] bytes = new byte[1000][];
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO mids VALUES (?, ?, ?)")) {
        for (int i = 0; i < 1000; i++) {
          texts[i] = randomText(random, 10_000);
          bytes[i] = new byte[3000 + i];
          random.nextBytes(bytes[i]);
          ps.setInt(1, i);
          ps.setString(2, texts[i]);
          ps.setBytes(3, bytes[i]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      int seen = 0;
      try (ResultSet rs = s.executeQuery("SELECT id, v, b FROM mids ORDER BY id")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          assertEquals(texts[id], rs.getString(2), "row " + id);
          assertArrayEquals(bytes[id], rs.getBytes(3), "row " + id);
          seen++;
        }
      }
      assertEquals(1000, seen);
      // The main heap holds pointers only: far less than the 13 MB of values.
      long heap = Long.parseLong(one(s, "SELECT pg_relation_size('mids')"));
      long total = Long.parseLong(one(s, "SELECT pg_total_relation_size('mids')"));
      assertTrue(heap < 200 * 8192, "heap " + heap);
      assertTrue(total > 10_000_000, "with toast " + total);
      assertEquals("1000", one(s, "SELECT count(*) FROM mids WHERE length(v) = 10000"));
      assertEquals("3", one(s, "SELECT count(*) FROM mids WHERE v = '" + texts[3] + "' OR id IN (5, 6)"));
    }
  }

  /**
   * DELETE and VACUUM free the chunks; a rolled-back insert leaves only dead chunks that VACUUM frees; DROP
   * removes the TOAST relation; pg_class names it as PostgreSQL does.
   */
  @Test
  void deleteRollbackVacuumAndDropFreeTheChunks() throws Exception {
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id int, v text)");
      assertEquals("t", one(s, "SELECT t.relname = 'pg_toast_' || c.oid FROM pg_class t, pg_class c "
          + "WHERE c.relname = 't' AND t.oid = c.reltoastrelid"));
      assertEquals("1", one(s, "SELECT count(*) FROM pg_class WHERE relkind = 't' AND relnamespace = 99"));
      long empty = Long.parseLong(one(s, "SELECT pg_total_relation_size('t')"));
      c.setAutoCommit(false);
      insertRandom(c, 50, 20_000);
      c.rollback();
      c.setAutoCommit(true);
      long afterRollback = Long.parseLong(one(s, "SELECT pg_total_relation_size('t')"));
      assertTrue(afterRollback > empty + 50 * 2 * 8192, "dead chunks take space until VACUUM: " + afterRollback);
      s.execute("VACUUM t");
      assertEquals(empty, Long.parseLong(one(s, "SELECT pg_total_relation_size('t')")));
      assertEquals("0", one(s, "SELECT count(*) FROM t"));

      insertRandom(c, 50, 20_000);
      long full = Long.parseLong(one(s, "SELECT pg_total_relation_size('t')"));
      assertTrue(full > empty + 50 * 2 * 8192, "50 values of 20 KB: " + full);
      assertEquals("20000", one(s, "SELECT min(length(v)) FROM t"));
      assertEquals(25, s.executeUpdate("DELETE FROM t WHERE id > 25"));
      s.execute("VACUUM t");
      long half = Long.parseLong(one(s, "SELECT pg_total_relation_size('t')"));
      assertTrue(half < full, "the last pages of the TOAST relation are truncated: " + half + " < " + full);
      assertEquals("25", one(s, "SELECT count(*) FROM t WHERE length(v) = 20000"));
      s.execute("TRUNCATE t");
      s.execute("VACUUM t");
      assertEquals(empty, Long.parseLong(one(s, "SELECT pg_total_relation_size('t')")));
      s.execute("DROP TABLE t");
      assertEquals("0", one(s, "SELECT count(*) FROM pg_class WHERE relkind = 't'"));
    }
  }

  /** Autovacuum counts the dead chunks of a TOAST relation: one deleted row with a 1 MB value is enough. */
  @Test
  void autovacuumCleansATablesToastRelation() throws Exception {
    try (TestServer server = TestServer.start(java.util.Map.of("autovacuum_naptime", "1s"));
        Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE av (id int, b bytea)");
      long empty = Long.parseLong(one(s, "SELECT pg_total_relation_size('av')"));
      byte[] value = new byte[1 << 20];
      new Random(5).nextBytes(value);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO av VALUES (1, ?)")) {
        ps.setBytes(1, value);
        ps.executeUpdate();
      }
      assertEquals(1, s.executeUpdate("DELETE FROM av"));
      long size = Long.MAX_VALUE;
      for (int i = 0; i < 300 && size > empty; i++) { // up to 30 s; naptime is 1 s
        Thread.sleep(100);
        size = Long.parseLong(one(s, "SELECT pg_total_relation_size('av')"));
      }
      assertEquals(empty, size, "the TOAST relation's dead chunks were vacuumed and its pages truncated");
    }
  }

  /** An index entry too big for a B-tree page is refused as PostgreSQL refuses it (54000). */
  @Test
  void anIndexedValueTooBigIsRefused() throws Exception {
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE ix (id int PRIMARY KEY, v text)");
      s.execute("CREATE INDEX ix_v ON ix (v)");
      s.execute("INSERT INTO ix VALUES (1, repeat('a', 2000))");
      String big = randomText(new Random(3), 10_000);
      var e = SqlErrors.expectError(s, "INSERT INTO ix VALUES (2, '" + big + "')", "54000");
      assertTrue(e.getMessage().startsWith("index row size "), e.getMessage());
      assertTrue(e.getMessage().contains("exceeds btree version 4 maximum 2704 for index \"ix_v\""), e.getMessage());
      // A large value in a column no index covers is fine, and found through the primary key.
      s.execute("CREATE TABLE ix2 (id int PRIMARY KEY, v text)");
      s.execute("INSERT INTO ix2 VALUES (1, '" + big + "')");
      assertEquals(big, one(s, "SELECT v FROM ix2 WHERE id = 1"));
      assertEquals(1, s.executeUpdate("UPDATE ix2 SET v = v || v WHERE id = 1"));
      assertEquals("20000", one(s, "SELECT length(v) FROM ix2 WHERE id = 1"));
    }
  }

  /** Inserts rows 1..n into t with random (incompressible) texts of the given length. */
  private static void insertRandom(Connection c, int n, int length) throws SQLException {
    Random random = new Random(n);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
      for (int i = 1; i <= n; i++) {
        ps.setInt(1, i);
        ps.setString(2, randomText(random, length));
        ps.executeUpdate();
      }
    }
  }

  private static byte[] readHash(Connection c, int id) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT v FROM blobs WHERE id = ?")) {
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1); // binary results from the first run
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = rs.getBinaryStream(1)) {
          byte[] buf = new byte[1 << 16];
          long total = 0;
          for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            total += n;
          }
          assertEquals(HUNDRED_MB, total);
        }
        assertFalse(rs.next());
        return md.digest();
      }
    }
  }

  private static byte[] sha256(byte[] value) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(value);
  }

  private static String randomText(Random random, int length) {
    String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
    char[] out = new char[length];
    for (int i = 0; i < length; i++) out[i] = letters.charAt(random.nextInt(letters.length()));
    return new String(out);
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      String v = rs.getString(1);
      assertFalse(rs.next(), sql);
      return v;
    }
  }

  private static Process start(Path data, Path log) throws IOException {
    return ChildServer.start(data, log, "1g", "16MB");
  }

  private static Connection connect(int port) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
        + "/postgres?user=postgres&connectTimeout=10&socketTimeout=120");
  }
}
