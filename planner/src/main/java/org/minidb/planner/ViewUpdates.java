package org.minidb.planner;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.parse.PgParser;
import org.minidb.storage.catalog.ViewDef;

/**
 * INSERT, UPDATE and DELETE whose target is a view are refused. Where PostgreSQL refuses too (the view is not
 * automatically updatable) the error is PostgreSQL's: 55000 with the reason of view_query_is_auto_updatable as
 * DETAIL, checked in its order. A simple view PostgreSQL would update through is refused with 0A000: MiniDB
 * does not rewrite DML on views into DML on their base table yet.
 */
final class ViewUpdates {
  private ViewUpdates() {}

  static void refuseViewTarget(SqlNode statement, CatalogView catalog) {
    SqlNode target;
    String verb;
    String event;
    switch (statement) {
      case SqlInsert insert -> { target = insert.getTargetTable(); verb = "insert into"; event = "INSERT"; }
      case SqlUpdate update -> { target = update.getTargetTable(); verb = "update"; event = "UPDATE"; }
      case SqlDelete delete -> { target = delete.getTargetTable(); verb = "delete from"; event = "DELETE"; }
      default -> { return; }
    }
    if (target.getKind() == SqlKind.AS) target = ((SqlCall) target).operand(0);
    if (!(target instanceof SqlIdentifier id) || id.names.size() > 2) return;
    String schema = id.names.size() == 2 ? id.names.get(0) : null;
    ViewDef view = catalog.view(schema, id.names.getLast()).orElse(null);
    if (view == null) return;
    String message = "cannot " + verb + " view \"" + view.name() + "\"";
    String detail = reason(PgParser.parse(view.definition()).node(), !event.equals("DELETE"));
    if (detail == null) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, message)
          .withDetail("MiniDB does not update views automatically yet.");
    }
    String gerund = switch (event) {
      case "INSERT" -> "inserting into";
      case "UPDATE" -> "updating";
      default -> "deleting from";
    };
    throw DbException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, message).withDetail(detail)
        .withHint("To enable " + gerund + " the view, provide an INSTEAD OF " + event
            + " trigger or an unconditional ON " + event + " DO INSTEAD rule.");
  }

  /** PostgreSQL's view_query_is_auto_updatable: why the view is not updatable, or null if it is. */
  private static String reason(SqlNode query, boolean checkColumns) {
    boolean limit = false;
    boolean with = false;
    SqlNode q = query;
    while (true) {
      if (q instanceof SqlOrderBy o) {
        limit |= o.fetch != null || o.offset != null;
        q = o.query;
      } else if (q instanceof SqlWith w) {
        with = true;
        q = w.body;
      } else {
        break;
      }
    }
    String suffix = " are not automatically updatable.";
    if (!(q instanceof SqlSelect s)) {
      return switch (q.getKind()) {
        case UNION, INTERSECT, EXCEPT -> "Views containing UNION, INTERSECT, or EXCEPT" + suffix;
        default -> "Views that do not select from a single table or view" + suffix;
      };
    }
    if (s.isDistinct()) return "Views containing DISTINCT" + suffix;
    if (s.getGroup() != null && !s.getGroup().isEmpty()) return "Views containing GROUP BY" + suffix;
    if (s.getHaving() != null) return "Views containing HAVING" + suffix;
    if (with) return "Views containing WITH" + suffix;
    if (limit || s.getFetch() != null || s.getOffset() != null) return "Views containing LIMIT or OFFSET" + suffix;
    if (checkColumns && hasAggregate(s.getSelectList())) return "Views that return aggregate functions" + suffix;
    SqlNode from = s.getFrom();
    if (from != null && from.getKind() == SqlKind.AS) from = ((SqlCall) from).operand(0);
    if (!(from instanceof SqlIdentifier)) return "Views that do not select from a single table or view" + suffix;
    return null;
  }

  private static boolean hasAggregate(SqlNodeList selectList) {
    boolean[] found = {false};
    selectList.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (org.minidb.planner.parse.AggregateNames.isAggregate(call)) {
          found[0] = true;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }
}
