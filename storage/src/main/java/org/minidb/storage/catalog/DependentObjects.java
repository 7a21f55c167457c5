package org.minidb.storage.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * What a DROP of some relations takes with it, found and reported as PostgreSQL's dependency.c does
 * (findDependentObjects, reportDependentObjects), for the dependencies MiniDB records: views on the tables
 * and views they read.
 *
 * <p>Order, which the messages show: from each object named in the statement, in statement order, the
 * objects depending on it are visited depth first, siblings by descending OID of the dependent rule
 * (PostgreSQL's "newest first"), and each is listed after everything depending on it. The report reads
 * that list back to front, leaving out the objects the statement named.
 */
final class DependentObjects {
  /** One relation to drop, and the one whose dependency brought it in (null for the ones named). */
  record Target(long oid, Long dependee, boolean named) {}

  private final CatalogState state;
  private final Map<Long, Target> targets = new LinkedHashMap<>();
  private final Map<Long, List<ViewDef>> dependents = new HashMap<>();

  private DependentObjects(CatalogState state) {
    this.state = state;
    for (ViewDef v : state.views) {
      for (long referenced : v.references()) dependents.computeIfAbsent(referenced, k -> new ArrayList<>()).add(v);
    }
    dependents.values().forEach(l -> l.sort(Comparator.comparingLong(ViewDef::ruleOid).reversed()));
  }

  /**
   * Everything a DROP of {@code named} removes, named ones included, in deletion order (dependents first).
   *
   * @throws DbException 2BP01 if other objects depend on them and {@code cascade} is false
   */
  static List<Target> collect(CatalogState state, List<Long> named, boolean cascade, List<String> cascadeNotices) {
    DependentObjects d = new DependentObjects(state);
    Deque<Long> stack = new ArrayDeque<>();
    for (long oid : named) d.visit(oid, null, true, stack);
    List<Target> order = new ArrayList<>(d.targets.values());
    List<String> lines = new ArrayList<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      Target t = order.get(i);
      if (t.named()) continue;
      lines.add(cascade ? "drop cascades to " + d.describe(t.oid())
          : d.describe(t.oid()) + " depends on " + d.describe(t.dependee()));
    }
    if (!lines.isEmpty() && !cascade) {
      String message = named.size() == 1
          ? "cannot drop " + d.describe(named.get(0)) + " because other objects depend on it"
          : "cannot drop desired object(s) because other objects depend on them";
      throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message)
          .withDetail(String.join("\n", lines))
          .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    cascadeNotices.addAll(lines);
    return order;
  }

  private void visit(long oid, Long dependee, boolean named, Deque<Long> stack) {
    Target seen = targets.get(oid);
    if (seen != null) {
      if (named && !seen.named()) targets.put(oid, new Target(oid, seen.dependee(), true));
      return;
    }
    if (stack.contains(oid)) return; // a cycle of views (CREATE OR REPLACE can make one)
    stack.push(oid);
    for (ViewDef v : dependents.getOrDefault(oid, List.of())) {
      if (v.oid() != oid) visit(v.oid(), oid, false, stack);
    }
    stack.pop();
    targets.put(oid, new Target(oid, dependee, named));
  }

  /** PostgreSQL's getObjectDescription of a relation in the search path: "table t", "view v". */
  private String describe(long oid) {
    for (ViewDef v : state.views) {
      if (v.oid() == oid) return "view " + v.name();
    }
    for (TableDef t : state.tables) {
      if (t.oid() == oid) return "table " + t.name();
    }
    return "relation " + oid;
  }
}
