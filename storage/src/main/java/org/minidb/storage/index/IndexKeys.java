package org.minidb.storage.index;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.encoding.KeyCodec;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.types.DataType;
import org.minidb.common.types.TextFormat;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.toast.Detoaster;

/**
 * The entries of one index over rows of its table: which columns or expressions make the key, then the INCLUDE
 * columns; their KeyCodec encoding; their text for messages. An entry's bytes are the key columns' encoding
 * followed by the INCLUDE columns' (KeyCodec makes the first a byte prefix of the whole), so the B-tree orders by
 * key first and uniqueness is checked on the prefix alone ({@link #encodeKey}).
 */
public final class IndexKeys {
  private final IndexDef index;
  /** Positions in a table row of the entry's columns (keys then INCLUDE); -1 for an expression key. */
  private final int[] columns;
  private final String[] names;
  private final DataType[] types;
  private final int nkey;
  private final KeyCodec codec;
  private final KeyCodec keyCodec;
  private final IndexExpressions expressions;
  private final List<DataType> tableTypes;

  /** Keys of an index without expressions or predicate, or for the codec alone (scans encode bounds). */
  public IndexKeys(TableDef table, IndexDef index) { this(table, index, null); }

  /** @param expressions the index's evaluator when it has expressions or a predicate, else null */
  public IndexKeys(TableDef table, IndexDef index, IndexExpressions expressions) {
    this.index = index;
    this.expressions = expressions;
    this.nkey = index.keys().size();
    this.tableTypes = table.columns().stream().map(ColumnDef::type).toList();
    int n = nkey + index.include().size();
    this.columns = new int[n];
    this.names = new String[n];
    this.types = new DataType[n];
    List<KeyCodec.Column> entryColumns = new ArrayList<>();
    int expression = 0;
    for (int i = 0; i < n; i++) {
      IndexDef.Key k = i < nkey ? index.keys().get(i) : new IndexDef.Key(index.include().get(i - nkey), false, false);
      if (k.isExpression()) {
        columns[i] = -1;
        types[i] = index.expressionTypes().get(expression);
        names[i] = displayed(index.expressions().get(expression++));
      } else {
        columns[i] = position(table, k.attnum());
        ColumnDef def = table.columns().get(columns[i]);
        types[i] = def.type();
        names[i] = def.name();
      }
      entryColumns.add(new KeyCodec.Column(types[i].type(), k.descending(), k.nullsFirst()));
    }
    this.codec = new KeyCodec(entryColumns);
    this.keyCodec = new KeyCodec(entryColumns.subList(0, nkey));
  }

  /**
   * An expression as PostgreSQL's deparser shows it in a key description: a function call bare
   * ({@code lower(name)}), anything else in parentheses ({@code (id + 1)}).
   */
  private static String displayed(String expression) {
    boolean call = expression.matches("(?s)[A-Za-z_][A-Za-z0-9_.]*\\s*\\(.*\\)")
        && expression.indexOf(')') >= 0 && balancedAfterFirstParenthesis(expression);
    return call ? expression : "(" + expression + ")";
  }

  /** Whether the first '(' closes at the very end ({@code f(x)}, not {@code f(x) + g(y)}). */
  private static boolean balancedAfterFirstParenthesis(String e) {
    int depth = 0;
    for (int i = e.indexOf('('); i < e.length(); i++) {
      if (e.charAt(i) == '(') depth++;
      if (e.charAt(i) == ')' && --depth == 0) return i == e.length() - 1;
    }
    return false;
  }

  private static int position(TableDef table, int attnum) {
    for (int c = 0; c < table.columns().size(); c++) if (table.columns().get(c).attnum() == attnum) return c;
    throw new IllegalStateException("index column attnum " + attnum + " not in table " + table.name());
  }

  public IndexDef index() { return index; }

  /** The codec of a whole entry (key columns then INCLUDE columns); scans bound it by key prefixes. */
  public KeyCodec codec() { return codec; }

  /**
   * The positions in a table row of the entry's columns, in entry order (keys, then INCLUDE); -1 for an expression
   * key, whose value no table column holds.
   */
  public int[] columns() { return columns.clone(); }

  /** The number of key columns (pg_index.indnkeyatts); the entry's other columns are INCLUDE columns. */
  public int keyCount() { return nkey; }

  /** Whether the row has an entry: always, unless a partial index's predicate is not true for it. */
  public boolean indexes(Object[] row) { return index.predicate() == null || evaluator().predicate(row); }

  /** The entry's values for a table row (keys, then INCLUDE columns). */
  public Object[] values(Object[] row) {
    Object[] computed = index.expressions().isEmpty() ? null : evaluator().keys(row);
    Object[] entry = new Object[columns.length];
    int expression = 0;
    for (int i = 0; i < columns.length; i++) entry[i] = columns[i] >= 0 ? row[columns[i]] : computed[expression++];
    return entry;
  }

  private IndexExpressions evaluator() {
    if (expressions == null) IndexExpressions.NONE.compile(null, index);
    return expressions;
  }

  /** The whole entry's bytes. */
  public byte[] encode(Object[] row) { return codec.encode(values(row)); }

  /** The key part's bytes (a prefix of {@link #encode}'s): what uniqueness compares. */
  public byte[] encodeKey(Object[] row) { return keyCodec.encode(java.util.Arrays.copyOf(values(row), nkey)); }

  /**
   * Fetches the columns of {@code row} that the entry reads and that are stored out of line, in place (the other
   * columns stay pointers: an index on {@code id} never reads a row's large values); an index with expressions or
   * a predicate may read any column, so all are fetched. Returns {@code row}.
   */
  public Object[] detoastKey(Object[] row, Detoaster detoaster) {
    if (index.needsExpressions()) {
      for (int c = 0; c < row.length; c++) {
        if (row[c] instanceof ToastPointer p) row[c] = detoaster.detoast(tableTypes.get(c).type(), p);
      }
      return row;
    }
    for (int i = 0; i < columns.length; i++) {
      if (row[columns[i]] instanceof ToastPointer p) row[columns[i]] = detoaster.detoast(types[i].type(), p);
    }
    return row;
  }

  /** Whether a key column is NULL: such a row never conflicts in a unique index (NULLS DISTINCT). */
  public boolean hasNull(Object[] row) {
    Object[] values = values(row);
    for (int i = 0; i < nkey; i++) if (values[i] == null) return true;
    return false;
  }

  /** PostgreSQL's key description for messages: {@code Key (a, b)=(1, x)}, {@code Key (lower(s))=(x)}. */
  public String describe(Object[] row) {
    Object[] entry = values(row);
    StringBuilder names = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < nkey; i++) {
      if (i > 0) {
        names.append(", ");
        values.append(", ");
      }
      names.append(this.names[i]);
      Object v = entry[i];
      values.append(v == null ? "null" : TextFormat.format(types[i].type(), v));
    }
    return "Key (" + names + ")=(" + values + ")";
  }
}
