package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.types.DataType;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.Snapshot;

/**
 * The catalog as one snapshot sees it, read from the system tables into on-heap maps. Immutable. The
 * committed state is cached (see {@link HeapCatalog}); a transaction with uncommitted DDL reads its own.
 */
final class CatalogState {
  /** A catalog row describing a relation, remembered so that DROP can delete it. */
  record RowRef(SystemTable table, long tid) {}

  private record Key(String schema, String name) {}

  /** A pg_attribute row as stored, with where it is (ALTER TABLE rewrites it). */
  record AttributeRow(RowRef ref, Object[] row) {}

  final Map<String, DatabaseDef> databases = new HashMap<>();
  final Map<String, RoleDef> roles = new HashMap<>();
  final Map<String, Long> namespaces = new HashMap<>();
  private final Map<Key, TableDef> tablesByName = new HashMap<>();
  final List<TableDef> tables = new ArrayList<>();
  private final Map<Key, ViewDef> viewsByName = new HashMap<>();
  final List<ViewDef> views = new ArrayList<>();
  /** Indexes by name (they share pg_class's names with tables and views). */
  final Map<Key, IndexDef> indexesByName = new HashMap<>();
  /** Every catalog row of a relation, keyed by pg_class.oid; a view's pg_rewrite and pg_depend rows too. */
  final Map<Long, List<RowRef>> rowsOfRelation = new HashMap<>();
  /** pg_attribute rows by table OID and attnum. */
  final Map<Long, Map<Integer, AttributeRow>> attributes = new HashMap<>();
  /** pg_constraint rows by table OID and constraint name (ALTER TABLE ... DROP CONSTRAINT). */
  final Map<Long, Map<String, RowRef>> constraintsByName = new HashMap<>();
  /** ANALYZE's statistics of the tables that have some (pg_class.reltuples &gt;= 0 or pg_statistic rows). */
  final Map<Long, RelationStatistics> statistics = new HashMap<>();

  TableDef table(String schema, String name) { return tablesByName.get(new Key(schema, name)); }

  ViewDef view(String schema, String name) { return viewsByName.get(new Key(schema, name)); }

  IndexDef index(String schema, String name) { return indexesByName.get(new Key(schema, name)); }

  /** Whether a relation of any kind has this name (tables and views share pg_class's names). */
  boolean relationExists(String schema, String name) {
    return table(schema, name) != null || view(schema, name) != null || index(schema, name) != null;
  }

  static CatalogState load(Function<SystemTable, HeapRelation> heaps, Snapshot snapshot) {
    CatalogState s = new CatalogState();
    SystemTable db = SystemCatalogs.PG_DATABASE;
    scan(heaps, db, snapshot, (r, tid) -> s.databases.put((String) r[db.index("datname")],
        new DatabaseDef((Long) r[db.index("oid")], (String) r[db.index("datname")], (Long) r[db.index("datdba")])));
    SystemTable au = SystemCatalogs.PG_AUTHID;
    scan(heaps, au, snapshot, (r, tid) -> s.roles.put((String) r[au.index("rolname")],
        new RoleDef((Long) r[au.index("oid")], (String) r[au.index("rolname")], (Boolean) r[au.index("rolsuper")],
            (Boolean) r[au.index("rolcanlogin")])));
    SystemTable ns = SystemCatalogs.PG_NAMESPACE;
    Map<Long, String> nsNames = new HashMap<>();
    scan(heaps, ns, snapshot, (r, tid) -> {
      s.namespaces.put((String) r[ns.index("nspname")], (Long) r[ns.index("oid")]);
      nsNames.put((Long) r[ns.index("oid")], (String) r[ns.index("nspname")]);
    });

    Map<Long, List<ColumnDef>> columns = new HashMap<>();
    Map<Long, Map<Integer, String>> defaults = new HashMap<>();
    Map<Long, List<Object[]>> checks = new HashMap<>();
    Map<Long, Character> constraintOfIndex = new HashMap<>();
    Map<Long, Object[]> indexRows = new HashMap<>();
    Map<Long, List<IndexDef>> indexesOfTable = new HashMap<>();
    List<Object[]> tableRows = new ArrayList<>();
    SystemTable ad = SystemCatalogs.PG_ATTRDEF;
    scan(heaps, ad, snapshot, (r, tid) -> {
      long rel = (Long) r[ad.index("adrelid")];
      defaults.computeIfAbsent(rel, k -> new HashMap<>()).put((int) (Short) r[ad.index("adnum")], (String) r[ad.index("adbin")]);
      s.ref(rel, ad, tid);
    });
    SystemTable at = SystemCatalogs.PG_ATTRIBUTE;
    scan(heaps, at, snapshot, (r, tid) -> {
      long rel = (Long) r[at.index("attrelid")];
      s.ref(rel, at, tid);
      int attnum = (Short) r[at.index("attnum")];
      s.attributes.computeIfAbsent(rel, k -> new HashMap<>()).put(attnum, new AttributeRow(new RowRef(at, tid), r));
      if (attnum <= 0 || (Boolean) r[at.index("attisdropped")]) return;
      String def = defaults.getOrDefault(rel, Map.of()).get(attnum);
      columns.computeIfAbsent(rel, k -> new ArrayList<>()).add(new ColumnDef((String) r[at.index("attname")], attnum,
          CatalogRows.dataType((Long) r[at.index("atttypid")], (Integer) r[at.index("atttypmod")]),
          (Boolean) r[at.index("attnotnull")], def));
    });
    SystemTable co = SystemCatalogs.PG_CONSTRAINT;
    scan(heaps, co, snapshot, (r, tid) -> {
      long rel = (Long) r[co.index("conrelid")];
      s.ref(rel, co, tid);
      s.constraintsByName.computeIfAbsent(rel, k -> new HashMap<>()).put((String) r[co.index("conname")],
          new RowRef(co, tid));
      String contype = (String) r[co.index("contype")];
      if ("c".equals(contype)) checks.computeIfAbsent(rel, k -> new ArrayList<>()).add(r);
      if ("p".equals(contype) || "u".equals(contype)) constraintOfIndex.put((Long) r[co.index("conindid")], contype.charAt(0));
    });
    SystemTable ix = SystemCatalogs.PG_INDEX;
    scan(heaps, ix, snapshot, (r, tid) -> {
      indexRows.put((Long) r[ix.index("indexrelid")], r);
      s.ref((Long) r[ix.index("indexrelid")], ix, tid);
    });
    SystemTable st = SystemCatalogs.PG_STATISTIC;
    Map<Long, List<Object[]>> statisticRows = new HashMap<>();
    scan(heaps, st, snapshot, (r, tid) -> {
      statisticRows.computeIfAbsent(StatisticRows.relOid(r), k -> new ArrayList<>()).add(r);
      s.ref(StatisticRows.relOid(r), st, tid);
    });
    ViewRules rules = ViewRules.load(heaps, snapshot, (rel, table, tid) -> s.ref(rel, table, tid));
    SystemTable cl = SystemCatalogs.PG_CLASS;
    scan(heaps, cl, snapshot, (r, tid) -> {
      long oid = (Long) r[cl.index("oid")];
      s.ref(oid, cl, tid);
      String relkind = (String) r[cl.index("relkind")];
      long nsOid = (Long) r[cl.index("relnamespace")];
      List<ColumnDef> cols = new ArrayList<>(columns.getOrDefault(oid, List.of()));
      cols.sort(Comparator.comparingInt(ColumnDef::attnum));
      if ("v".equals(relkind)) {
        // A system view whose rule is gone with pg_rewrite (a data directory older than the view catalogs).
        if (oid < Oids.FIRST_NORMAL_OBJECT_ID && !rules.hasRule(oid)) return;
        ViewDef v = rules.view(oid, nsOid, nsNames.getOrDefault(nsOid, "pg_namespace_" + nsOid),
            (String) r[cl.index("relname")], List.copyOf(cols));
        s.views.add(v);
        s.viewsByName.put(new Key(v.schemaName(), v.name()), v);
        return;
      }
      if ("i".equals(relkind)) {
        IndexDef index = index(oid, (String) r[cl.index("relname")], (Long) r[cl.index("relfilenode")],
            indexRows.get(oid), constraintOfIndex.getOrDefault(oid, (char) 0), columns.getOrDefault(oid, List.of()));
        if (index == null) return;
        indexesOfTable.computeIfAbsent(index.tableOid(), k -> new ArrayList<>()).add(index);
        s.indexesByName.put(new Key(nsNames.getOrDefault(nsOid, "pg_namespace_" + nsOid), index.name()), index);
        return;
      }
      if ("r".equals(relkind)) tableRows.add(r);
    });
    for (Object[] r : tableRows) {
      long oid = (Long) r[cl.index("oid")];
      long nsOid = (Long) r[cl.index("relnamespace")];
      List<ColumnDef> cols = new ArrayList<>(columns.getOrDefault(oid, List.of()));
      cols.sort(Comparator.comparingInt(ColumnDef::attnum));
      List<IndexDef> indexes = new ArrayList<>(indexesOfTable.getOrDefault(oid, List.of()));
      indexes.sort(Comparator.comparingLong(IndexDef::oid));
      List<Object[]> conRows = new ArrayList<>(checks.getOrDefault(oid, List.of()));
      conRows.sort(Comparator.comparingLong(c -> (Long) c[co.index("oid")]));
      List<CheckConstraint> cons = new ArrayList<>();
      for (Object[] c : conRows) cons.add(new CheckConstraint((String) c[co.index("conname")], (String) c[co.index("conbin")]));
      TableDef t = new TableDef(oid, nsOid, nsNames.getOrDefault(nsOid, "pg_namespace_" + nsOid),
          (String) r[cl.index("relname")], (Long) r[cl.index("relfilenode")], List.copyOf(cols), List.copyOf(cons),
          List.copyOf(indexes), r[cl.index("reltoastrelid")] instanceof Long toast ? toast : 0L);
      s.tables.add(t);
      s.tablesByName.put(new Key(t.schemaName(), t.name()), t);
      float reltuples = (Float) r[cl.index("reltuples")];
      List<Object[]> stats = statisticRows.getOrDefault(oid, List.of());
      if (reltuples >= 0 || !stats.isEmpty()) {
        Map<Integer, ColumnStatistics> byAttnum = new HashMap<>();
        for (Object[] row : stats) {
          ColumnDef c = cols.stream().filter(x -> x.attnum() == StatisticRows.attnum(row)).findFirst().orElse(null);
          if (c != null) byAttnum.put(c.attnum(), StatisticRows.decode(row, c.type().type()));
        }
        s.statistics.put(oid, new RelationStatistics((Integer) r[cl.index("relpages")], reltuples, Map.copyOf(byAttnum)));
      }
    }
    s.tables.sort(Comparator.comparingLong(TableDef::oid));
    s.views.sort(Comparator.comparingLong(ViewDef::oid));
    return s;
  }

  /**
   * The IndexDef of an index's pg_class and pg_index rows (null without a pg_index row: not committed yet to us);
   * the types of expression keys come from the index's pg_attribute rows.
   */
  private static IndexDef index(long oid, String name, long relfilenode, Object[] row, char constraint,
      List<ColumnDef> attributes) {
    if (row == null) return null;
    SystemTable ix = SystemCatalogs.PG_INDEX;
    String[] attnums = ((String) row[ix.index("indkey")]).split(" ");
    String[] options = ((String) row[ix.index("indoption")]).split(" ");
    int nkey = (Short) row[ix.index("indnkeyatts")];
    List<IndexDef.Key> keys = new ArrayList<>();
    List<DataType> expressionTypes = new ArrayList<>();
    for (int i = 0; i < nkey; i++) {
      int option = Integer.parseInt(options[i]);
      int attnum = Integer.parseInt(attnums[i]);
      keys.add(new IndexDef.Key(attnum, (option & 1) != 0, (option & 2) != 0));
      if (attnum == 0) {
        int position = i + 1;
        expressionTypes.add(attributes.stream().filter(a -> a.attnum() == position).findFirst()
            .orElseThrow(() -> new IllegalStateException("index " + name + " lacks pg_attribute row " + position))
            .type());
      }
    }
    List<Integer> include = new ArrayList<>();
    for (int i = nkey; i < attnums.length; i++) include.add(Integer.parseInt(attnums[i]));
    String exprs = (String) row[ix.index("indexprs")];
    return new IndexDef(oid, name, (Long) row[ix.index("indrelid")], relfilenode, List.copyOf(keys),
        (Boolean) row[ix.index("indisunique")], (Boolean) row[ix.index("indisprimary")], constraint,
        List.copyOf(include), exprs == null ? List.of() : List.copyOf(ArrayText.parse(exprs)),
        List.copyOf(expressionTypes), (String) row[ix.index("indpred")]);
  }

  private void ref(long rel, SystemTable table, long tid) {
    rowsOfRelation.computeIfAbsent(rel, k -> new ArrayList<>()).add(new RowRef(table, tid));
  }

  interface RowConsumer {
    void accept(Object[] row, long tid);
  }

  static void scan(Function<SystemTable, HeapRelation> heaps, SystemTable t, Snapshot snapshot, RowConsumer c) {
    var types = t.types();
    try (HeapScan scan = heaps.apply(t).scan(snapshot)) {
      while (scan.next()) c.accept(RowCodec.decode(types, scan.tuple()), scan.tid());
    }
  }
}
