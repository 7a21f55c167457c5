package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.tx.Snapshot;

/**
 * The views' {@code _RETURN} rules (pg_rewrite) and the dependencies of those rules (pg_depend), as one
 * snapshot sees them; part of loading a {@link CatalogState}.
 *
 * <p>As in PostgreSQL, a view's dependencies are recorded for its rule: the rule depends internally
 * (deptype 'i') on its view, and normally (deptype 'n') on each relation its query reads. Every such row
 * belongs to the view that owns the rule, so dropping the view deletes it.
 */
final class ViewRules {
  /** Where a catalog row belongs: the pg_class OID of its relation. */
  interface RowOwner {
    void accept(long relation, SystemTable table, long tid);
  }

  private record Rule(long oid, String action) {}

  private final Map<Long, Rule> ruleOfView = new HashMap<>();
  private final Map<Long, Set<Long>> referencesOfView = new HashMap<>();

  static ViewRules load(Function<SystemTable, HeapRelation> heaps, Snapshot snapshot, RowOwner owner) {
    ViewRules rules = new ViewRules();
    Map<Long, Long> viewOfRule = new HashMap<>();
    SystemTable rw = SystemCatalogs.PG_REWRITE;
    CatalogState.scan(heaps, rw, snapshot, (r, tid) -> {
      long view = (Long) r[rw.index("ev_class")];
      long oid = (Long) r[rw.index("oid")];
      owner.accept(view, rw, tid);
      viewOfRule.put(oid, view);
      rules.ruleOfView.put(view, new Rule(oid, (String) r[rw.index("ev_action")]));
    });
    SystemTable dep = SystemCatalogs.PG_DEPEND;
    List<Object[]> rows = new ArrayList<>();
    CatalogState.scan(heaps, dep, snapshot, (r, tid) -> {
      long classId = (Long) r[dep.index("classid")];
      long objId = (Long) r[dep.index("objid")];
      Long relation = classId == Oids.PG_CLASS ? Long.valueOf(objId)
          : classId == Oids.PG_REWRITE ? viewOfRule.get(objId) : null;
      if (relation != null) owner.accept(relation, dep, tid);
      rows.add(r);
    });
    for (Object[] r : rows) {
      if ((Long) r[dep.index("classid")] != Oids.PG_REWRITE || !"n".equals(r[dep.index("deptype")])
          || (Long) r[dep.index("refclassid")] != Oids.PG_CLASS) {
        continue;
      }
      Long view = viewOfRule.get((Long) r[dep.index("objid")]);
      long referenced = (Long) r[dep.index("refobjid")];
      if (view != null && view != referenced) {
        rules.referencesOfView.computeIfAbsent(view, k -> new LinkedHashSet<>()).add(referenced);
      }
    }
    return rules;
  }

  boolean hasRule(long viewOid) { return ruleOfView.containsKey(viewOid); }

  ViewDef view(long oid, long namespaceOid, String schemaName, String name, List<ColumnDef> columns) {
    Rule rule = ruleOfView.get(oid);
    if (rule == null) throw new IllegalStateException("view " + name + " (oid " + oid + ") has no _RETURN rule");
    return new ViewDef(oid, namespaceOid, schemaName, name, columns, rule.action(), rule.oid(),
        List.copyOf(referencesOfView.getOrDefault(oid, Set.of())));
  }
}
