package org.minidb.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.Expr;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.compile.ExprCompiler;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.index.IndexExpressions;

/**
 * Index expressions and predicates, from the SQL text the catalog keeps: checked at CREATE INDEX as PostgreSQL's
 * ComputeIndexAttrs and CheckPredicate check them, and compiled into the {@link IndexExpressions} storage asks for
 * when it makes entries. Only IMMUTABLE functions (42P17), so that an entry computed today equals the one
 * computed at any later check: Calcite's non-deterministic and dynamic functions (random(), now(), ...) are refused.
 */
final class IndexExpressionCompiler implements IndexExpressions.Compiler {
  /** Immutable expressions read no parameter, transaction, snapshot or time: an empty context serves them. */
  private static final ExecContext NO_CONTEXT = new ExecContext(null, null, null, new Object[0],
      java.time.ZoneOffset.UTC, java.time.Instant.EPOCH, 64L << 20);

  private final StoredExpressions stored;
  /** Compiled indexes by (table, index) definition: the same definitions compile the same way. */
  private final ConcurrentHashMap<List<Object>, IndexExpressions> cache = new ConcurrentHashMap<>();

  IndexExpressionCompiler(StoredExpressions stored) { this.stored = stored; }

  /**
   * Checks an index expression ({@code predicate} false) or predicate over the table; the expression's type.
   * Unknown columns are 42703, functions that are not IMMUTABLE 42P17, a predicate that is not boolean 42804.
   */
  DataType check(TableDef table, String text, boolean predicate) {
    RexNode e = stored.expression(text, table).expr();
    if (!immutable(e)) {
      throw DbException.of(SqlState.INVALID_OBJECT_DEFINITION, "functions in index "
          + (predicate ? "predicate" : "expression") + " must be marked IMMUTABLE");
    }
    DataType type = TypeMapping.resultType(e.getType());
    if (predicate && e.getType().getSqlTypeName() != SqlTypeName.BOOLEAN) {
      throw DbException.of(SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type "
          + type.type().sqlName());
    }
    return type;
  }

  private static boolean immutable(RexNode e) {
    boolean[] ok = {true};
    e.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        SqlOperator op = call.getOperator();
        if (!op.isDeterministic() || op.isDynamicFunction()) ok[0] = false;
        return super.visitCall(call);
      }
    });
    return ok[0];
  }

  @Override
  public IndexExpressions compile(TableDef table, IndexDef index) {
    if (cache.size() > 1000) cache.clear();
    return cache.computeIfAbsent(List.of(table, index), k -> build(table, index));
  }

  private IndexExpressions build(TableDef table, IndexDef index) {
    List<Expr> keys = new ArrayList<>();
    for (String text : index.expressions()) keys.add(stored.compile(text, table, null, false));
    Expr predicate = index.predicate() == null ? null : stored.compile(index.predicate(), table, null, false);
    return new IndexExpressions() {
      @Override
      public Object[] keys(Object[] row) {
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) values[i] = keys.get(i).eval(row, NO_CONTEXT);
        return values;
      }

      @Override
      public boolean predicate(Object[] row) {
        return predicate == null || Boolean.TRUE.equals(predicate.eval(row, NO_CONTEXT));
      }
    };
  }
}
