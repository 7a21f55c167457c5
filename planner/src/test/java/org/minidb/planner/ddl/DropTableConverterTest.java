package org.minidb.planner.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.planner.DropTableStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.parse.PgParser;

class DropTableConverterTest {
  private static DropTableStatement drop(String sql) {
    return (DropTableStatement) DdlConverter.convert(PgParser.parse(sql));
  }

  @Test
  void pgbenchDrop() {
    assertEquals(new DropTableStatement(List.of(new QualifiedName(null, "pgbench_accounts"),
            new QualifiedName(null, "pgbench_branches"), new QualifiedName(null, "pgbench_history"),
            new QualifiedName(null, "pgbench_tellers")), true, false),
        drop("drop table if exists pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers"));
  }

  @Test
  void qualifiedQuotedAndCascade() {
    assertEquals(new DropTableStatement(List.of(new QualifiedName("s", "T"), new QualifiedName(null, "u")),
        false, true), drop("DROP TABLE S.\"T\", U CASCADE;"));
    assertEquals(false, drop("drop table t restrict").cascade());
    assertEquals("0A000", assertThrows(DbException.class, () -> drop("drop table a.b.c")).sqlState());
  }
}
