package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * COPY FROM STDIN and COPY TO STDOUT through pgjdbc's CopyManager. Every expected text, error and CONTEXT
 * line is what PostgreSQL 15 answered for the same statements and data.
 */
class CopyTest {
  private static TestServer server;
  private Connection conn;
  private CopyManager copy;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  @BeforeEach
  void connect() throws SQLException {
    conn = server.connect();
    copy = conn.unwrap(PGConnection.class).getCopyAPI();
    try (Statement st = conn.createStatement()) {
      st.execute("DROP TABLE IF EXISTS ct");
      st.execute("CREATE TABLE ct (id int, name text, note varchar(10) default 'none', n numeric(6,2))");
    }
  }

  @org.junit.jupiter.api.AfterEach
  void close() throws SQLException { conn.close(); }

  private long in(String sql, String data) throws Exception {
    return copy.copyIn(sql, new StringReader(data));
  }

  private String out(String sql) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    copy.copyOut(sql, bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void textFormatEscapesAndNulls() throws Exception {
    assertEquals(3, in("COPY ct FROM STDIN",
        "1\ttab\\there\t\\N\t1.5\n2\tback\\\\slash\tx\t\\N\n3\t\\101\\x42\\n\t\\\\.\t2\n\\.\n"));
    assertEquals("1\ttab\\there\t\\N\t1.50\n2\tback\\\\slash\tx\t\\N\n3\tAB\\n\t\\\\.\t2.00\n",
        out("COPY ct TO STDOUT"));
    assertEquals("id,name,note,n\n1,tab\there,,1.50\n2,back\\slash,x,\n3,\"AB\n\",\\.,2.00\n",
        out("COPY ct TO STDOUT WITH (FORMAT csv, HEADER)"));
  }

  @Test
  void csvQuotingHeaderDefaultsAndMultilineValues() throws Exception {
    assertEquals(4, in("COPY ct(id, name) FROM STDIN WITH (FORMAT csv, HEADER)",
        "id,name\n4,\"a,\"\"b\"\"\"\n5,\"\"\n6,\n7,\"multi\nline\"\n"));
    assertEquals("4\ta,\"b\"\tnone\t\\N\n5\t\tnone\t\\N\n6\t\\N\tnone\t\\N\n7\tmulti\\nline\tnone\t\\N\n",
        out("COPY ct TO STDOUT"));
    assertEquals("id,name,note,n\n4,\"a,\"\"b\"\"\",none,\n5,\"\",none,\n6,,none,\n7,\"multi\nline\",none,\n",
        out("COPY ct TO STDOUT WITH CSV HEADER"));
    assertEquals("4,f\n5,f\n6,t\n7,f\n",
        out("COPY (SELECT id, name IS NULL AS isnull FROM ct ORDER BY id) TO STDOUT (FORMAT csv)"));
    assertEquals("4|a,\"b\"|none|NULL\n5||none|NULL\n6|NULL|none|NULL\n7|multi\\nline|none|NULL\n",
        out("COPY ct TO STDOUT WITH DELIMITER '|' NULL 'NULL'"));
    assertEquals(";NULL\n", out("COPY (SELECT ''::text AS x, NULL::text AS y) TO STDOUT (FORMAT csv, NULL 'NULL', "
        + "DELIMITER ';')"));
  }

  private static PSQLException copyError(org.junit.jupiter.api.function.Executable copy) {
    return assertThrows(PSQLException.class, copy);
  }

  @Test
  void errorsCarryPostgresMessagesAndLineContext() throws Exception {
    PSQLException e = copyError(() -> in("COPY ct FROM STDIN", "1\t2\t3\t4\n5\tx\n"));
    assertEquals("22P04", e.getSQLState());
    assertEquals("missing data for column \"note\"", e.getServerErrorMessage().getMessage());
    assertEquals("COPY ct, line 2: \"5\tx\"", e.getServerErrorMessage().getWhere());

    e = copyError(() -> in("COPY ct FROM STDIN", "1\tx\ty\t1\t9\n"));
    assertEquals("22P04", e.getSQLState());
    assertEquals("extra data after last expected column", e.getServerErrorMessage().getMessage());

    e = copyError(() -> in("COPY ct FROM STDIN", "1\tx\t\\N\t1\n2\tx\t\\N\t1\nabc\tx\t\\N\t1\n"));
    assertEquals("22P02", e.getSQLState());
    assertEquals("invalid input syntax for type integer: \"abc\"", e.getServerErrorMessage().getMessage());
    assertEquals("COPY ct, line 3, column id: \"abc\"", e.getServerErrorMessage().getWhere());

    e = copyError(() -> in("COPY ct FROM STDIN (FORMAT csv)", "1,\"open\n"));
    assertEquals("22P04", e.getSQLState());
    assertEquals("unterminated CSV quoted field", e.getServerErrorMessage().getMessage());

    e = copyError(() -> in("COPY ct FROM STDIN (FORMAT foo)", ""));
    assertEquals("COPY format \"foo\" not recognized", e.getServerErrorMessage().getMessage());
    e = copyError(() -> in("COPY ct(zz) FROM STDIN", ""));
    assertEquals("column \"zz\" of relation \"ct\" does not exist", e.getServerErrorMessage().getMessage());
    e = copyError(() -> in("COPY nosuch FROM STDIN", ""));
    assertEquals("42P01", e.getSQLState());

    // Every failed COPY inserted nothing, and the connection goes on.
    assertEquals("0", single("SELECT count(*) FROM ct"));
  }

  @Test
  void constraintsApplyAsToInsert() throws Exception {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS cc (a int NOT NULL, c int CHECK (c > 0))");
    }
    PSQLException e = copyError(() -> in("COPY cc FROM STDIN", "1\t5\n2\t-5\n"));
    assertEquals("23514", e.getSQLState());
    assertEquals("new row for relation \"cc\" violates check constraint \"cc_c_check\"",
        e.getServerErrorMessage().getMessage());
    assertEquals("COPY cc, line 2: \"2\t-5\"", e.getServerErrorMessage().getWhere());
    e = copyError(() -> in("COPY cc FROM STDIN", "\\N\t5\n"));
    assertEquals("23502", e.getSQLState());
    assertEquals("0", single("SELECT count(*) FROM cc"));
  }

  @Test
  void copyFailAbortsTheStatement() throws Exception {
    CopyIn op = copy.copyIn("COPY ct FROM STDIN");
    byte[] row = "1\tx\t\\N\t1\n".getBytes(StandardCharsets.UTF_8);
    op.writeToCopy(row, 0, row.length);
    op.flushCopy();
    op.cancelCopy();
    assertEquals("0", single("SELECT count(*) FROM ct"));
  }

  @Test
  void copyRunsInTheTransaction() throws Exception {
    conn.setAutoCommit(false);
    assertEquals(2, in("COPY ct (id) FROM STDIN", "1\n2\n"));
    assertEquals("2", single("SELECT count(*) FROM ct"));
    conn.rollback();
    assertEquals("0", single("SELECT count(*) FROM ct"));
    assertEquals(1, in("COPY ct (id) FROM STDIN", "3\n"));
    conn.commit();
    assertEquals("1", single("SELECT count(*) FROM ct"));
  }

  @Test
  void truncateIsTransactional() throws Exception {
    in("COPY ct (id) FROM STDIN", "1\n2\n3\n");
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS ct2 (a int)");
      st.execute("INSERT INTO ct2 VALUES (1)");
      conn.setAutoCommit(false);
      st.execute("TRUNCATE TABLE ct, ct2");
      assertEquals("0", single("SELECT count(*) FROM ct"));
      conn.rollback();
      assertEquals("3", single("SELECT count(*) FROM ct"));
      st.execute("TRUNCATE ct2");
      conn.commit();
      assertEquals("0", single("SELECT count(*) FROM ct2"));
      PSQLException e = assertThrows(PSQLException.class, () -> st.execute("TRUNCATE nosuch"));
      assertEquals("relation \"nosuch\" does not exist", e.getServerErrorMessage().getMessage());
      conn.rollback();
      st.execute("DROP TABLE ct2");
      conn.commit();
    }
  }

  /** A million rows through CopyManager, generated as they are read: the server must stream them. */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void millionRowsStream() throws Exception {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS big (a int, b text, c int)");
    }
    int rows = 1_000_000;
    InputStream generated = new InputStream() {
      private int next;
      private byte[] line = new byte[0];
      private int pos;

      @Override
      public int read() {
        if (pos == line.length) {
          if (next == rows) return -1;
          line = (next + "\tname " + next + "\t" + (next % 1000) + "\n").getBytes(StandardCharsets.UTF_8);
          pos = 0;
          next++;
        }
        return line[pos++] & 0xff;
      }
    };
    assertEquals(rows, copy.copyIn("COPY big FROM STDIN", generated, 65536));
    assertEquals("1000000", single("SELECT count(*) FROM big"));
    assertEquals("499999500000", single("SELECT sum(a) FROM big"));
    assertEquals("499500000", single("SELECT sum(c) FROM big"));
    try (Statement st = conn.createStatement()) {
      st.execute("DROP TABLE big");
    }
  }

  @Test
  void copyOutOfAnEmptyResultAndOfRowsCount() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertEquals(0, copy.copyOut("COPY ct TO STDOUT", bytes));
    in("COPY ct (id) FROM STDIN", "1\n2\n");
    assertEquals(2, copy.copyOut("COPY (SELECT * FROM ct) TO STDOUT", new ByteArrayOutputStream()));
  }

  private String single(String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }
}
