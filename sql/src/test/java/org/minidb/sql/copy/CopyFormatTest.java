package org.minidb.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/** COPY's parsing and formatting without a server; expectations from PostgreSQL 15. */
class CopyFormatTest {
  private static final CopyOptions TEXT = CopyParser.parse("COPY t FROM STDIN").options();
  private static final CopyOptions CSV = CopyParser.parse("COPY t FROM STDIN WITH CSV").options();

  @Test
  void parsesBothOptionSyntaxes() {
    CopyStatement s = CopyParser.parse("copy s.\"T\" (a, \"B\") from stdin with (format csv, header, delimiter ';',"
        + " null 'x', quote '''', escape E'\\\\', freeze on)");
    assertEquals(List.of("s", "T"), s.table());
    assertEquals(List.of("a", "B"), s.columns());
    assertEquals(new CopyOptions(true, ';', "x", true, '\'', '\\'), s.options());
    assertEquals(new CopyOptions(true, '|', "", true, '"', '"'),
        CopyParser.parse("COPY t FROM STDIN WITH DELIMITER AS '|' CSV HEADER").options());
    CopyStatement q = CopyParser.parse("COPY (SELECT '(' FROM t WHERE (a)) TO STDOUT;");
    assertEquals("SELECT '(' FROM t WHERE (a)", q.query());
    assertEquals(new CopyOptions(false, '\t', "\\N", false, '"', '"'), TEXT);
  }

  @Test
  void refusesWhatPostgresRefuses() {
    assertEquals("COPY format \"foo\" not recognized",
        assertThrows(DbException.class, () -> CopyParser.parse("COPY t FROM STDIN (FORMAT foo)")).getMessage());
    assertEquals("COPY quote available only in CSV mode",
        assertThrows(DbException.class, () -> CopyParser.parse("COPY t FROM STDIN (QUOTE 'x')")).getMessage());
    assertEquals("COPY delimiter must be a single one-byte character",
        assertThrows(DbException.class, () -> CopyParser.parse("COPY t TO STDOUT (DELIMITER 'ab')")).getMessage());
    assertThrows(DbException.class, () -> CopyParser.parse("COPY t FROM '/etc/passwd'"));
    assertThrows(DbException.class, () -> CopyParser.parse("COPY (SELECT 1) FROM STDIN"));
  }

  @Test
  void textFieldsUndoEscapes() {
    assertEquals(Arrays.asList("tab\there", null, "AB\n", "\\N", "", "é"),
        CopyFields.split("tab\\there\t\\N\t\\101\\x42\\n\t\\\\N\t\t\\303\\251", TEXT));
  }

  @Test
  void csvFieldsUndoQuoting() {
    assertEquals(Arrays.asList("a,\"b\"", "", null, "multi\nline"), CopyFields.split("\"a,\"\"b\"\"\",\"\",,\"multi\nline\"", CSV));
    assertEquals("unterminated CSV quoted field",
        assertThrows(DbException.class, () -> CopyFields.split("1,\"open", CSV)).getMessage());
  }

  @Test
  void recordsStreamAcrossChunksAndEndAtTheMarker() {
    Deque<byte[]> chunks = new ArrayDeque<>(List.of(bytes("1\ta\r\n2\t"), bytes("b\n3,\"x"), bytes("\ny\"\n\\.\nignored")));
    CopyRecordReader text = new CopyRecordReader(() -> chunks.poll(), TEXT);
    assertEquals("1\ta", text.next());
    assertEquals("2\tb", text.next());
    assertEquals("3,\"x", text.next());
    Deque<byte[]> csvChunks = new ArrayDeque<>(List.of(bytes("3,\"x"), bytes("\ny\"\n\\.\n")));
    CopyRecordReader csv = new CopyRecordReader(() -> csvChunks.poll(), CSV);
    assertEquals("3,\"x\ny\"", csv.next());
    assertNull(csv.next());
    List<String> rest = new ArrayList<>();
    for (String r; (r = text.next()) != null; ) rest.add(r);
    assertEquals(List.of("y\""), rest, "the lines after \\. are read and dropped");
  }

  @Test
  void rowsAreFormattedAsPostgresDoes() {
    assertEquals("tab\\there\t\\N\tAB\\n\t\\\\.\n", line(new CopyRowWriter(TEXT), "tab\there", null, "AB\n", "\\."));
    assertEquals("\"a,\"\"b\"\"\",\"\",,\"multi\nline\"\n", line(new CopyRowWriter(CSV), "a,\"b\"", "", null, "multi\nline"));
    assertEquals("\"\\.\"\n", line(new CopyRowWriter(CSV), "\\."));
  }

  private static String line(CopyRowWriter writer, String... values) {
    return new String(writer.line(values), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
