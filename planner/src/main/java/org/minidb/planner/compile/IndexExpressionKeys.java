package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.minidb.common.types.DataType;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;

/**
 * What IndexPaths needs to match a query to an expression or partial index: the index's expression keys and its
 * predicate's conjuncts as RexNodes over the table's columns (the planner parses the catalog's text again,
 * cached). A query's {@code lower(s) = 'x'} uses the index on {@code (lower(s))} when the two sides print the same
 * (Calcite's normal form: {@code LOWER($2)}).
 */
record IndexExpressionKeys(List<String> expressions, List<DataType> types, List<RexNode> predicate) {
  static final IndexExpressionKeys NONE = new IndexExpressionKeys(List.of(), List.of(), List.of());

  static IndexExpressionKeys of(TableDef table, IndexDef index, TableExpressions stored,
      org.apache.calcite.rex.RexBuilder rexBuilder) {
    if (!index.needsExpressions() || stored == null) return NONE;
    List<String> expressions = new ArrayList<>();
    for (String text : index.expressions()) expressions.add(stored.indexExpression(table, text).toString());
    List<RexNode> predicate = index.predicate() == null ? List.of()
        : IndexPredicates.conjuncts(rexBuilder, stored.indexExpression(table, index.predicate()));
    return new IndexExpressionKeys(List.copyOf(expressions), index.expressionTypes(), List.copyOf(predicate));
  }

  /** The position among the expression keys of one that prints as {@code node}, or -1. */
  int find(RexNode node) { return expressions.indexOf(node.toString()); }
}
