package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;

/** Result column names, types and origins, as PostgreSQL's RowDescription gives them. */
class ResultColumnsTest {
  private static List<ResultColumn> columns(String sql) { return PlanShapeTest.plan(sql).columns(); }

  @Test
  void plainColumnsCarryTheirTableAndAttnum() {
    assertEquals(List.of(new ResultColumn("a", DataType.INT4, 16384, 1),
        new ResultColumn("c", DataType.numeric(10, 2), 16384, 3)), columns("SELECT a, c FROM t"));
  }

  @Test
  void aliasesKeepTheOrigin() {
    assertEquals(List.of(new ResultColumn("x", DataType.INT4, 16384, 1)), columns("SELECT a AS x FROM t"));
  }

  @Test
  void expressionsAreNamedAsPostgresNamesThem() {
    List<ResultColumn> cols = columns("SELECT a + 1, count(*), 1::int4, b::text, upper(b), "
        + "CASE WHEN a > 1 THEN 1 ELSE 0 END, 'lit', 1.5 FROM t GROUP BY a, b");
    assertEquals(List.of("?column?", "count", "int4", "b", "upper", "case", "?column?", "?column?"),
        cols.stream().map(ResultColumn::name).toList());
    assertEquals(List.of(DataType.INT4, DataType.INT8, DataType.INT4, DataType.TEXT, DataType.TEXT, DataType.INT4,
        DataType.TEXT, DataType.NUMERIC), cols.stream().map(ResultColumn::type).toList());
    assertEquals(0, cols.get(0).tableOid());
  }

  @Test
  void starExpandsInAttnumOrder() {
    assertEquals(List.of("a", "b", "c"), columns("SELECT * FROM t").stream().map(ResultColumn::name).toList());
  }

  @Test
  void functionsWithoutFrom() {
    List<ResultColumn> cols = columns("SELECT version(), now(), CURRENT_TIMESTAMP");
    assertEquals(List.of("version", "now", "current_timestamp"), cols.stream().map(ResultColumn::name).toList());
    assertEquals(List.of(DataType.TEXT, DataType.TIMESTAMPTZ, DataType.TIMESTAMPTZ),
        cols.stream().map(ResultColumn::type).toList());
  }

  @Test
  void quotedMixedCaseNames() {
    assertEquals(List.of(new ResultColumn("Id", DataType.INT8, 16420, 1)), columns("SELECT \"Id\" FROM \"Mixed\""));
  }

  @Test
  void namesFollowWhatWasWrittenNotWhatCalciteRewrote() {
    assertEquals(List.of("coalesce", "max", "column1", "column2"),
        List.of(columns("SELECT coalesce(b, 'none') FROM t").get(0).name(),
            columns("SELECT (SELECT max(d) FROM u)").get(0).name(),
            columns("VALUES (1, 'a')").get(0).name(), columns("VALUES (1, 'a')").get(1).name()));
  }

  @Test
  void trimIsNamedAfterPostgresFunctions() {
    assertEquals(List.of("btrim", "ltrim", "rtrim"), columns("SELECT trim(b), trim(leading 'x' from b), "
        + "trim(trailing from b) FROM t").stream().map(ResultColumn::name).toList());
  }

  @Test
  void selfJoinStarRepeatsNames() {
    assertEquals(List.of("a", "b", "c", "a", "b", "c"),
        columns("SELECT * FROM t t1 JOIN t t2 ON t1.a = t2.a").stream().map(ResultColumn::name).toList());
  }

  @Test
  void explicitCastsKeepTheirTypmod() {
    List<ResultColumn> cols = columns("SELECT 'x'::char(3), 1.25::numeric(5,2), 1.25 + 1");
    assertEquals(List.of(DataType.bpchar(3), DataType.numeric(5, 2), DataType.NUMERIC),
        cols.stream().map(ResultColumn::type).toList());
  }

  @Test
  void untypedParameterIsText() {
    PlannedStatement p = PlanShapeTest.plan("SELECT $1");
    assertEquals(List.of(DataType.TEXT), p.parameterTypes());
    assertEquals(DataType.TEXT, p.columns().get(0).type());
  }
}
