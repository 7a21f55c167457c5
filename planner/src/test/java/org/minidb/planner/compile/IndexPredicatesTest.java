package org.minidb.planner.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.junit.jupiter.api.Test;

/** The simple predicate_implied_by of partial indexes: which query conditions imply which index predicates. */
class IndexPredicatesTest {
  private final SqlTypeFactoryImpl types = new SqlTypeFactoryImpl(RelDataTypeSystem.DEFAULT);
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);
  private final RexNode a = rex.makeInputRef(integer, 0);
  private final RexNode b = rex.makeInputRef(integer, 1);
  private final RexNode active = rex.makeInputRef(types.createSqlType(SqlTypeName.BOOLEAN), 2);

  private RexNode n(int v) { return rex.makeExactLiteral(BigDecimal.valueOf(v)); }

  private boolean implied(List<RexNode> predicate, RexNode... query) {
    return IndexPredicates.implied(predicate, List.of(query));
  }

  @Test
  void aPredicateConjunctThatIsAQueryConjunctIsImplied() {
    assertTrue(implied(List.of(active), rex.makeCall(SqlStdOperatorTable.EQUALS, a, n(5)), active));
    assertFalse(implied(List.of(active), rex.makeCall(SqlStdOperatorTable.EQUALS, a, n(5))));
    assertTrue(implied(List.of(active), rex.makeCall(SqlStdOperatorTable.EQUALS, active, rex.makeLiteral(true))));
  }

  @Test
  void rangesImplyWiderRangesOnTheSameColumn() {
    List<RexNode> aAbove5 = List.of(rex.makeCall(SqlStdOperatorTable.GREATER_THAN, a, n(5)));
    assertTrue(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.EQUALS, a, n(7))));
    assertTrue(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.GREATER_THAN, a, n(5))));
    assertTrue(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, a, n(6))));
    assertTrue(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.LESS_THAN, n(6), a)), "6 < a, flipped");
    assertFalse(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.EQUALS, a, n(5))));
    assertFalse(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, a, n(5))));
    assertFalse(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.LESS_THAN, a, n(100))));
    assertFalse(implied(aAbove5, rex.makeCall(SqlStdOperatorTable.EQUALS, b, n(7))), "another column");
    List<RexNode> aAtMost10 = List.of(rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, a, n(10)));
    assertTrue(implied(aAtMost10, rex.makeCall(SqlStdOperatorTable.LESS_THAN, a, n(10))));
    assertTrue(implied(aAtMost10, rex.makeCall(SqlStdOperatorTable.EQUALS, a, n(10))));
    assertFalse(implied(aAtMost10, rex.makeCall(SqlStdOperatorTable.LESS_THAN, a, n(11))));
  }

  @Test
  void isNotNullIsImpliedByAStrictComparison() {
    List<RexNode> notNull = List.of(rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, a));
    assertTrue(implied(notNull, rex.makeCall(SqlStdOperatorTable.LESS_THAN, a, n(3))));
    assertFalse(implied(notNull, rex.makeCall(SqlStdOperatorTable.LESS_THAN, b, n(3))));
  }

  @Test
  void everyConjunctOfThePredicateMustBeImplied() {
    List<RexNode> both = List.of(active, rex.makeCall(SqlStdOperatorTable.GREATER_THAN, a, n(5)));
    assertTrue(implied(both, active, rex.makeCall(SqlStdOperatorTable.EQUALS, a, n(9))));
    assertFalse(implied(both, active));
    assertEquals(List.of(b), IndexPredicates.withoutPredicate(List.of(active, b), both));
  }
}
