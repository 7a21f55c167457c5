package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;

/** Parameter types: inferred from context where the client sends none (pgbench), or taken as given. */
class ParameterTypesTest {
  private static final Planner PLANNER = new Planner();

  private static List<DataType> types(String sql, DataType... given) {
    return ((PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, Arrays.asList(given))).parameterTypes();
  }

  @Test
  void pgbenchUpdateInfersInt4() {
    assertEquals(List.of(DataType.INT4, DataType.INT4),
        types("UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2"));
  }

  @Test
  void givenTypesWin() {
    assertEquals(List.of(DataType.INT8), types("SELECT abalance FROM pgbench_accounts WHERE aid = $1", DataType.INT8));
  }

  @Test
  void unknownAndNullEntriesAreInferred() {
    assertEquals(List.of(DataType.INT4, DataType.TEXT),
        types("SELECT a FROM t WHERE a = $1 AND b = $2", DataType.UNKNOWN, null));
  }

  @Test
  void repeatedAndReorderedParameters() {
    assertEquals(List.of(DataType.TEXT, DataType.INT4), types("SELECT a FROM t WHERE a = $2 OR b = $1 OR a > $2"));
  }

  @Test
  void insertValuesTakeTheColumnTypes() {
    assertEquals(List.of(DataType.INT8, DataType.of(org.minidb.common.types.PgType.VARCHAR)),
        types("INSERT INTO \"Mixed\" (\"Id\", v) VALUES ($1, $2)"));
  }

  @Test
  void limitAndOffsetAreInt8() {
    assertEquals(List.of(DataType.INT8, DataType.INT8), types("SELECT a FROM t LIMIT $1 OFFSET $2"));
  }
}
