package org.minidb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  private static List<String> texts(String sql) {
    return StatementSplitter.split(sql).stream().map(s -> s.text().strip()).toList();
  }

  @Test
  void splitsAtTopLevelSemicolonsOnly() {
    assertEquals(List.of("select 1", "select ';'", "select \"a;b\" from t"),
        texts("select 1; select ';'; select \"a;b\" from t;"));
    assertEquals(List.of("select E'\\';' as x", "select $$a;b$$", "select $q$;$q$"),
        texts("select E'\\';' as x; select $$a;b$$; select $q$;$q$"));
    assertEquals(List.of("select 1 -- c;", "select /* a /* ; */ ; */ 2"),
        texts("select 1 -- c;\n; select /* a /* ; */ ; */ 2"));
  }

  @Test
  void dropsEmptyStatementsAndKeepsOffsets() {
    assertEquals(List.of(), texts(" ; ;-- nothing\n"));
    List<StatementText> parts = StatementSplitter.split("select 1;  select $1");
    assertEquals(2, parts.size());
    assertEquals(9, parts.get(1).offset());
    assertEquals("  select $1", parts.get(1).text());
  }
}
