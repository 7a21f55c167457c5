package org.minidb.planner.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
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
    // pgbench's start-up probe (pgbench.c, GetTableInfo).
    assertEquals(SqlKind.ORDER_BY, PgParser.parse("select o.n, p.partstrat, pg_catalog.count(i.inhparent) "
        + "from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) "
        + "cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname))"
        + " as o(n) left join pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) "
        + "left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent) "
        + "where c.relname = 'pgbench_accounts' and o.n is not null group by 1, 2 order by 1 asc limit 1")
        .node().getKind());
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

  /** The first select item, as Calcite prints it. */
  private static String item(String expression) {
    SqlSelect select = (SqlSelect) PgParser.parse("select " + expression + " from t").node();
    return select.getSelectList().get(0).toString();
  }

  @Test
  void castPrecedenceIsPostgres() {
    assertEquals("`a` = CAST(1 AS INTEGER)", item("a = 1::int"));
    assertEquals("- CAST(1 AS INTEGER)", item("-1::int"));
    assertEquals("CAST(`a` + `b` AS BIGINT)", item("(a+b)::bigint"));
    assertEquals("CAST(CAST(`a` AS INTEGER) AS `text`)", item("a::int::text"));
    assertEquals("`a` + CAST(`b` AS INTEGER) * 2", item("a + b::int * 2"));
    assertEquals("CAST(`x`.`y` AS `text`)", item("x.y::text"));
    assertEquals("NOT CAST(`a` AS `bool`)", item("not a::bool"));
    assertEquals("`a` = CAST('5' AS INTEGER) AND `b`", item("a = '5'::int and b"));
    assertEquals("CAST(? AS INTEGER) = ?", item("$1::int = $2"));
  }

  @Test
  void postgresTypeNamesInCasts() {
    assertEquals("CAST(`a` AS VARCHAR(10))", item("a::varchar(10)"));
    assertEquals("CAST(`a` AS VARCHAR(3))", item("a::character varying(3)"));
    assertEquals("CAST(`a` AS DOUBLE)", item("a::double precision"));
    assertEquals("CAST(`a` AS DECIMAL(10, 2))", item("a::numeric(10,2)"));
    assertEquals("CAST(`a` AS TIMESTAMP WITH TIME ZONE)", item("a::timestamp with time zone"));
    assertEquals("CAST(`a` AS `timestamptz`)", item("a::timestamptz"));
    assertEquals("CAST(`a` AS `int8`)", item("cast(a as int8)"));
    assertEquals("CAST(`a` AS `bytea`)", item("a::bytea"));
  }

  @Test
  void quotingFormsBecomeLiterals() {
    assertEquals("'it''s'", item("$$it's$$"));
    assertEquals("'a\nb'", item("E'a\\nb'"));
    assertEquals("'x'", item("$q$x$q$"));
  }

  @Test
  void queryFormsCalciteParses() {
    assertEquals(SqlKind.ORDER_BY, PgParser.parse(
        "select a, count(*) from t where b ~ 'x' and c !~* 'y' and d != 1 group by 1 order by 2 desc limit 10 offset 5")
        .node().getKind());
    assertEquals(SqlKind.WITH, PgParser.parse("with x as (select 1 as a) select a from x").node().getKind());
    assertEquals(SqlKind.VALUES, PgParser.parse("values (1, 2), (3, 4)").node().getKind());
    assertEquals(SqlKind.EXPLAIN, PgParser.parse("explain plan for select 1").node().getKind());
    assertEquals(SqlKind.UNION, PgParser.parse("select 1 union all select 2").node().getKind());
    assertInstanceOf(SqlSelect.class, PgParser.parse("select 1 -- comment;").node());
  }

  @Test
  void returningListOnEachDml() {
    PgReturning insert = assertInstanceOf(PgReturning.class,
        PgParser.parse("insert into t (a) values ($1) returning a, b as c;").node());
    assertInstanceOf(SqlInsert.class, insert.dml());
    assertEquals(2, insert.returning().size());
    PgReturning update = assertInstanceOf(PgReturning.class,
        PgParser.parse("update t set a = 1 where b = 2 returning *").node());
    assertInstanceOf(SqlUpdate.class, update.dml());
    PgReturning delete = assertInstanceOf(PgReturning.class,
        PgParser.parse("delete from t as x where x.a = 1 returning x.a").node());
    assertEquals("x", ((SqlDelete) delete.dml()).getAlias().getSimple());
    // Without RETURNING, the DML node itself.
    assertInstanceOf(SqlDelete.class, PgParser.parse("delete from t where a = 1").node());
  }

  @Test
  void createTableNodesKeepExpressionTexts() {
    PgCreateTable create = assertInstanceOf(PgCreateTable.class, PgParser.parse(
        "CREATE TABLE IF NOT EXISTS s.T (a int NOT NULL DEFAULT /* c */ 1 + 2, b text CHECK (b <> $$x$$),"
            + " CONSTRAINT c1 CHECK (a > 0)) WITH (fillfactor=100)").node());
    assertEquals(true, create.ifNotExists);
    assertEquals("s.t", create.name().toString());
    assertEquals(2, create.columns().size());
    PgConstraint dflt = create.columns().get(0).constraints().get(1);
    assertEquals(PgConstraint.Kind.DEFAULT, dflt.kind());
    assertEquals("1 + 2", dflt.expressionText());
    PgConstraint check = create.columns().get(1).constraints().get(0);
    assertEquals("b <> 'x'", check.expressionText());
    assertEquals(true, check.isColumnConstraint());
    PgConstraint table = (PgConstraint) create.elements().get(2);
    assertEquals("c1", table.name().getSimple());
    assertEquals(false, table.isColumnConstraint());
    assertEquals("a > 0", table.expressionText());
    assertEquals(1, create.parameters().size());
    // The texts re-parse.
    assertEquals(SqlKind.NOT_EQUALS, PgParser.parseExpression(check.expressionText()).node().getKind());
    assertEquals(SqlKind.PLUS, PgParser.parseExpression(dflt.expressionText()).node().getKind());
  }

  @Test
  void createAndDropViewNodes() {
    String sql = "create or replace view s.v (a, \"B\") as\n  select x, E'y' from t order by 1 limit 2;";
    PgCreateView create = assertInstanceOf(PgCreateView.class, PgParser.parse(sql).node());
    assertEquals(true, create.getReplace());
    assertEquals(List.of("s", "v"), create.name().names);
    assertEquals(List.of("a", "B"), create.columns().stream().map(SqlIdentifier::getSimple).toList());
    assertEquals(SqlKind.ORDER_BY, create.query().getKind());
    assertEquals(2, create.queryLine());
    assertEquals(3, create.queryColumn());
    PgDropRelation drop = assertInstanceOf(PgDropRelation.class, PgParser.parse("drop view v, w restrict").node());
    assertEquals(true, drop.isView());
    assertEquals(false, drop.cascade());
    assertEquals(false, ((PgDropRelation) PgParser.parse("drop table t").node()).isView());
  }

  @Test
  void dropTableNode() {
    PgDropRelation drop = assertInstanceOf(PgDropRelation.class,
        PgParser.parse("drop table if exists a, s.b, \"C\" cascade").node());
    assertEquals(true, drop.ifExists);
    assertEquals(true, drop.cascade());
    assertEquals(3, drop.names().size());
    assertEquals("C", drop.names().get(2).getSimple());
    // IF is not reserved: a table may be called "if".
    assertEquals("if", PgParser.parse("drop table if").node() instanceof PgDropRelation d
        ? d.names().get(0).getSimple() : null);
  }

  @Test
  void ddlTakesNoParameters() {
    org.minidb.common.error.DbException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.minidb.common.error.DbException.class,
        () -> PgParser.parse("create table t (a int default $1)"));
    assertEquals("42P02", e.sqlState());
    assertEquals("there is no parameter $1", e.getMessage());
    assertEquals(31, e.position());
  }
}
