package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidb.e2e.TestServer;

/**
 * Simple and extended query, in raw protocol bytes against a real server: row descriptions, errors and notices,
 * row limits and portal suspension, skipping to Sync after an error, and a result far larger than the output
 * buffer. Every expected answer is PostgreSQL 15's.
 */
class QueryProtocolTest {
  /** Column n, int4, 1..count, with no table behind it (so RowDescription carries table oid 0, attnum 0). */
  private static String rows(int count) {
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= count; i++) values.append(i == 1 ? "" : ", ").append('(').append(i).append(')');
    return "SELECT x AS n FROM (VALUES " + values + ") v(x) ORDER BY x";
  }

  private static TestServer server;

  @BeforeAll
  static void start() throws IOException { server = TestServer.start(); }

  @AfterAll
  static void stop() throws IOException { server.close(); }

  private static RawClient client() throws IOException { return new RawClient(server.port()); }

  private static String text(RawClient.Msg dataRow, int offset) {
    int length = ByteBuffer.wrap(dataRow.body()).getInt(offset);
    return new String(dataRow.body(), offset + 4, length);
  }

  private static void assertReady(RawClient c, char status) throws IOException {
    RawClient.Msg ready = c.read();
    assertEquals('Z', ready.type());
    assertEquals(status, (char) ready.body()[0]);
  }

  @Test
  void simpleQueryResultsErrorsNoticesAndEmptyQueries() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.query(rows(3));
      RawClient.Msg t = c.read();
      assertEquals('T', t.type());
      ByteBuffer b = ByteBuffer.wrap(t.body());
      assertEquals(1, b.getShort());
      assertEquals("n", new String(t.body(), 2, 1));
      b.position(4);
      assertEquals(0, b.getInt()); // table oid
      assertEquals(0, b.getShort()); // attnum
      assertEquals(23, b.getInt()); // int4
      assertEquals(4, b.getShort());
      assertEquals(-1, b.getInt());
      assertEquals(0, b.getShort()); // text
      for (int i = 1; i <= 3; i++) {
        RawClient.Msg d = c.read();
        assertEquals('D', d.type());
        assertEquals(Integer.toString(i), new String(d.body(), 6, d.body().length - 6));
      }
      assertEquals("SELECT 3", c.read().text());
      assertReady(c, 'I');

      c.query("fail");
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("ERROR", e.fields().get('S'));
      assertEquals("ERROR", e.fields().get('V'));
      assertEquals("42601", e.fields().get('C'));
      assertEquals("syntax error at or near \"fail\"", e.fields().get('M'));
      assertEquals("1", e.fields().get('P'));
      assertReady(c, 'I');

      c.query("SELECT * FROM nosuch");
      e = c.read();
      assertEquals('E', e.type());
      assertEquals("42P01", e.fields().get('C'));
      assertEquals("relation \"nosuch\" does not exist", e.fields().get('M'));
      assertEquals("15", e.fields().get('P'));
      assertReady(c, 'I');

      c.query("DROP TABLE IF EXISTS nosuch");
      RawClient.Msg notice = c.read();
      assertEquals('N', notice.type());
      assertEquals("NOTICE", notice.fields().get('S'));
      assertEquals("00000", notice.fields().get('C'));
      assertEquals("table \"nosuch\" does not exist, skipping", notice.fields().get('M'));
      assertEquals("DROP TABLE", c.read().text());
      assertReady(c, 'I');

      c.query("");
      assertEquals('I', c.read().type());
      assertReady(c, 'I');

      c.query("begin");
      assertEquals("BEGIN", c.read().text());
      assertReady(c, 'T');
      c.query("SELECT 1/0"); // folded while planning: the error comes before any RowDescription
      e = c.read();
      assertEquals('E', e.type());
      assertEquals("22012", e.fields().get('C'));
      assertEquals("division by zero", e.fields().get('M'));
      assertReady(c, 'E');
      c.query("ROLLBACK");
      assertEquals("ROLLBACK", c.read().text());
      assertReady(c, 'I');
    }
  }

  @Test
  void extendedProtocolWithRowLimitAndErrorSkipsToSync() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      // A named portal outlives Sync only inside a transaction block (Sync commits an implicit transaction).
      c.query("BEGIN");
      assertEquals("BEGIN", c.read().text());
      assertReady(c, 'T');
      c.message('P', RawClient.parse("s1", rows(5)));
      c.message('B', RawClient.bind("c1", "s1", new short[0], new byte[0][], new short[] {1}));
      c.message('D', new byte[] {'P', 'c', '1', 0});
      c.message('E', RawClient.execute("c1", 2));
      c.sync();
      assertEquals('1', c.read().type());
      assertEquals('2', c.read().type());
      RawClient.Msg t = c.read();
      assertEquals('T', t.type());
      assertEquals(1, t.body()[t.body().length - 1]); // binary format requested
      RawClient.Msg d1 = c.read();
      assertEquals('D', d1.type());
      assertEquals(4, ByteBuffer.wrap(d1.body()).getInt(2));
      assertEquals(1, ByteBuffer.wrap(d1.body()).getInt(6));
      assertEquals('D', c.read().type());
      assertEquals('s', c.read().type());
      assertReady(c, 'T');
      c.message('E', RawClient.execute("c1", 0));
      c.sync();
      assertEquals(3, ByteBuffer.wrap(c.read().body()).getInt(6));
      assertEquals('D', c.read().type());
      assertEquals('D', c.read().type());
      assertEquals("SELECT 3", c.read().text());
      assertReady(c, 'T');
      c.query("COMMIT");
      assertEquals("COMMIT", c.read().text());
      assertReady(c, 'I');

      // An error: everything up to Sync is discarded, then ReadyForQuery.
      c.message('B', RawClient.bind("", "missing", new short[0], new byte[0][], new short[0]));
      c.message('E', RawClient.execute("", 0));
      c.message('H', new byte[0]);
      c.sync();
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("26000", e.fields().get('C'));
      assertEquals("prepared statement \"missing\" does not exist", e.fields().get('M'));
      assertReady(c, 'I');

      // Describe statement: ParameterDescription then RowDescription; parameters text and binary.
      c.message('P', RawClient.parse("", "SELECT $1, $2, $3", 23, 1700, 25));
      c.message('D', new byte[] {'S', 0});
      byte[] numeric = {0, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0x13, (byte) 0x88}; // 1.5: digits 1, 5000; weight 0; scale 1
      c.message('B', RawClient.bind("", "", new short[] {0, 1, 0},
          new byte[][] {"42".getBytes(), numeric, null}, new short[0]));
      c.message('E', RawClient.execute("", 0));
      c.message('C', new byte[] {'S', 0});
      c.sync();
      assertEquals('1', c.read().type());
      RawClient.Msg pd = c.read();
      assertEquals('t', pd.type());
      ByteBuffer pb = ByteBuffer.wrap(pd.body());
      assertEquals(3, pb.getShort());
      assertEquals(23, pb.getInt());
      assertEquals(1700, pb.getInt());
      assertEquals(25, pb.getInt());
      assertEquals('T', c.read().type());
      assertEquals('2', c.read().type());
      RawClient.Msg row = c.read();
      assertEquals('D', row.type());
      assertEquals(3, ByteBuffer.wrap(row.body()).getShort());
      assertEquals("42", text(row, 2));
      assertEquals("1.5", text(row, 8));
      assertEquals(-1, ByteBuffer.wrap(row.body()).getInt(15));
      assertEquals("SELECT 1", c.read().text());
      assertEquals('3', c.read().type());
      assertReady(c, 'I');
    }
  }

  @Test
  void largeResultsStreamThroughTheBuffer() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.query("CREATE TABLE digits (d int4); INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);"
          + " CREATE TABLE big (n int4);"
          + " INSERT INTO big SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d"
          + " FROM digits a, digits b, digits c, digits e, digits f, digits g WHERE g.d < 2");
      List<String> tags = new ArrayList<>();
      RawClient.Msg m;
      while ((m = c.read()).type() != 'Z') {
        assertEquals('C', m.type(), "unexpected message " + m.type() + " " + m.fields());
        tags.add(m.text());
      }
      assertEquals(List.of("CREATE TABLE", "INSERT 0 10", "CREATE TABLE", "INSERT 0 200000"), tags);

      c.query("SELECT n FROM big");
      assertEquals('T', c.read().type());
      int rows = 0;
      long sum = 0;
      while ((m = c.read()).type() == 'D' && rows <= 200_000) {
        rows++;
        sum += Integer.parseInt(text(m, 2));
      }
      assertEquals(200_000, rows);
      assertEquals(200_000L * 200_001 / 2, sum); // every row once
      assertEquals("SELECT 200000", m.text());
      assertReady(c, 'I');
    }
  }
}
