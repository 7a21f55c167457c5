package org.minidb.storage.index;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.encoding.KeyCodec;
import org.minidb.common.types.DataType;
import org.minidb.common.types.TextFormat;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;

/** The key of one index over rows of its table: which columns, their KeyCodec encoding, their text for messages. */
public final class IndexKeys {
  private final IndexDef index;
  private final int[] columns;
  private final ColumnDef[] defs;
  private final KeyCodec codec;

  public IndexKeys(TableDef table, IndexDef index) {
    this.index = index;
    this.columns = new int[index.keys().size()];
    this.defs = new ColumnDef[columns.length];
    List<KeyCodec.Column> keyColumns = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      IndexDef.Key k = index.keys().get(i);
      for (int c = 0; c < table.columns().size(); c++) {
        if (table.columns().get(c).attnum() == k.attnum()) columns[i] = c;
      }
      defs[i] = table.columns().get(columns[i]);
      keyColumns.add(new KeyCodec.Column(defs[i].type().type(), k.descending(), k.nullsFirst()));
    }
    this.codec = new KeyCodec(keyColumns);
  }

  public IndexDef index() { return index; }

  public KeyCodec codec() { return codec; }

  /** The positions in a table row of the key columns, in key order. */
  public int[] columns() { return columns.clone(); }

  /** The key values of a table row. */
  public Object[] values(Object[] row) {
    Object[] key = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) key[i] = row[columns[i]];
    return key;
  }

  public byte[] encode(Object[] row) { return codec.encode(values(row)); }

  /**
   * Fetches the key columns of {@code row} that are stored out of line, in place (the other columns stay
   * pointers: an index on {@code id} never reads a row's large values); returns {@code row}.
   */
  public Object[] detoastKey(Object[] row, org.minidb.storage.toast.Detoaster detoaster) {
    for (int i = 0; i < columns.length; i++) {
      if (row[columns[i]] instanceof org.minidb.common.encoding.ToastPointer p) {
        row[columns[i]] = detoaster.detoast(defs[i].type().type(), p);
      }
    }
    return row;
  }

  /** Whether a key column is NULL: such a row never conflicts in a unique index (NULLS DISTINCT). */
  public boolean hasNull(Object[] row) {
    for (int c : columns) if (row[c] == null) return true;
    return false;
  }

  /** PostgreSQL's key description for messages: {@code Key (a, b)=(1, x)}. */
  public String describe(Object[] row) {
    StringBuilder names = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        names.append(", ");
        values.append(", ");
      }
      names.append(defs[i].name());
      Object v = row[columns[i]];
      DataType t = defs[i].type();
      values.append(v == null ? "null" : TextFormat.format(t.type(), v));
    }
    return "Key (" + names + ")=(" + values + ")";
  }
}
