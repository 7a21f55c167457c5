package org.minidb.planner.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.junit.jupiter.api.Test;

class PgParserTest {
  @Test
  void parsesSelectWithPostgresIdentifierRules() {
    ParsedStatement p = PgParser.parse("SELECT Abalance, \"MixedCase\" FROM pgbench_accounts WHERE aid = 1");
    SqlSelect select = assertInstanceOf(SqlSelect.class, p.node());
    assertEquals("abalance", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
    assertEquals("MixedCase", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
    assertEquals(0, p.parameterNumbers().length);
  }

  @Test
  void pgbenchStatements() {
    assertInstanceOf(SqlUpdate.class, PgParser.parse(
        "UPDATE pgbench_accounts SET abalance = abalance + -4385 WHERE aid = 72401;").node());
    assertInstanceOf(SqlSelect.class, PgParser.parse(
        "SELECT abalance FROM pgbench_accounts WHERE aid = $1;").node());
    assertInstanceOf(SqlUpdate.class, PgParser.parse(
        "UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2;").node());
    assertInstanceOf(SqlUpdate.class, PgParser.parse(
        "UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2").node());
    assertInstanceOf(SqlInsert.class, PgParser.parse(
        "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP);")
        .node());
    assertInstanceOf(SqlSelect.class, PgParser.parse("select count(*) from pgbench_branches").node());
    assertInstanceOf(SqlInsert.class, PgParser.parse(
        "insert into pgbench_branches(bid,bbalance) values(1,0)").node());
    assertInstanceOf(SqlInsert.class, PgParser.parse(
        "insert into pgbench_tellers(tid,bid,tbalance) values (1,1,0)").node());
    assertInstanceOf(SqlInsert.class, PgParser.parse("insert into pgbench_accounts(aid,bid,abalance,filler) "
        + "select aid, (aid - 1) / 100000 + 1, 0, '' from generate_series(1, 100000) as aid").node());
  }

  @Test
  void parameterNumbersFollowOccurrenceOrder() {
    ParsedStatement p = PgParser.parse("UPDATE t SET a = $2 WHERE b = $1 OR c = $2");
    assertArrayEquals(new int[] {2, 1, 2}, p.parameterNumbers());
    assertEquals(2, p.parameterCount());
    assertEquals("UPDATE t SET a = ?  WHERE b = ?  OR c = ?", p.source().parsed());
  }

  @Test
  void returningIsNotAnAlias() {
    PgReturning r = assertInstanceOf(PgReturning.class, PgParser.parse("DELETE FROM t RETURNING id").node());
    SqlDelete delete = assertInstanceOf(SqlDelete.class, r.dml());
    assertEquals(null, delete.getAlias());
    assertEquals(1, r.returning().size());
  }

  @Test
  void castBindsTighterThanComparison() {
    SqlNode where = ((SqlSelect) PgParser.parse("select 1 from t where a = 1::int").node()).getWhere();
    assertEquals(SqlKind.EQUALS, where.getKind());
  }
}
