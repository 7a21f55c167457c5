package org.minidb.planner.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.minidb.common.types.DataType;
import org.minidb.planner.CatalogView;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.ViewDef;

/**
 * Builds the Calcite catalog reader of one statement over a {@link CatalogView}: one Calcite schema per
 * PostgreSQL schema, names matched case-sensitively (identifiers are already folded by the parser), search
 * path {@code public} then {@code pg_catalog}, and PostgreSQL's type names that Calcite's grammar does not
 * know (text, int4, ...) registered as named types.
 */
public final class CatalogReaders {
  private CatalogReaders() {}

  public static final CalciteConnectionConfig CONFIG;

  static {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
    CONFIG = new CalciteConnectionConfigImpl(p);
  }

  /** PostgreSQL type names not in Calcite's grammar, as the parser folds them (lower case). */
  private static final Map<String, DataType> TYPE_ALIASES = new LinkedHashMap<>();

  static {
    TYPE_ALIASES.put("text", DataType.TEXT);
    TYPE_ALIASES.put("int2", DataType.INT2);
    TYPE_ALIASES.put("int4", DataType.INT4);
    TYPE_ALIASES.put("int8", DataType.INT8);
    TYPE_ALIASES.put("float4", DataType.FLOAT4);
    TYPE_ALIASES.put("float8", DataType.FLOAT8);
    TYPE_ALIASES.put("bool", DataType.BOOL);
    TYPE_ALIASES.put("bytea", DataType.BYTEA);
    TYPE_ALIASES.put("timestamptz", DataType.TIMESTAMPTZ);
    TYPE_ALIASES.put("name", DataType.NAME);
    TYPE_ALIASES.put("oid", DataType.OID);
    TYPE_ALIASES.put("bpchar", DataType.bpchar(1));
    // Keywords the lexical front turns into quoted names (see PgLexicalFront#typeKeyword).
    TYPE_ALIASES.put("interval", DataType.INTERVAL);
    TYPE_ALIASES.put("date", DataType.DATE);
    TYPE_ALIASES.put("timestamp", DataType.TIMESTAMP);
  }

  public static RelDataTypeFactory newTypeFactory() { return new JavaTypeFactoryImpl(PgTypeSystem.INSTANCE); }

  public static CalciteCatalogReader create(CatalogView view, RelDataTypeFactory typeFactory) {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    SchemaPlus plus = root.plus();
    Map<String, Map<String, TableDef>> bySchema = new LinkedHashMap<>();
    bySchema.put("public", new LinkedHashMap<>());
    bySchema.put("pg_catalog", new LinkedHashMap<>());
    for (TableDef t : view.tables()) {
      bySchema.computeIfAbsent(t.schemaName(), k -> new LinkedHashMap<>()).put(t.name(), t);
    }
    Map<String, Map<String, ViewDef>> viewsBySchema = new LinkedHashMap<>();
    for (ViewDef v : view.views()) {
      bySchema.computeIfAbsent(v.schemaName(), k -> new LinkedHashMap<>());
      viewsBySchema.computeIfAbsent(v.schemaName(), k -> new LinkedHashMap<>()).put(v.name(), v);
    }
    bySchema.forEach((name, defs) -> plus.add(name, new MiniDbSchema(defs, viewsBySchema.getOrDefault(name, Map.of()),
        view::relationSize)));
    TYPE_ALIASES.forEach((name, type) -> plus.add(name, tf -> TypeMapping.toRel(tf, type, true)));
    List<List<String>> searchPath = new ArrayList<>();
    searchPath.add(List.of("public"));
    searchPath.add(List.of("pg_catalog"));
    searchPath.add(List.of());
    return new Reader(root, searchPath, typeFactory);
  }

  /** Exposes the constructor that takes a whole search path. */
  private static final class Reader extends CalciteCatalogReader {
    Reader(CalciteSchema root, List<List<String>> searchPath, RelDataTypeFactory tf) {
      super(root, SqlNameMatchers.withCaseSensitive(true), searchPath, tf, CONFIG);
    }
  }
}
