package org.minidb.storage.toast;

import java.util.List;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/**
 * Fetches values stored out of line (PostgreSQL's detoast_attr): the storage engine resolves a pointer's TOAST
 * relation and reads its chunks. Readers call it only for a pointer in a version they may see, so the chunks are
 * there (see {@link ToastRelation} for why no snapshot is needed).
 */
@FunctionalInterface
public interface Detoaster {
  /** The value of {@code type} that {@code pointer} stands for. */
  Object detoast(PgType type, ToastPointer pointer);

  /** Replaces every pointer in {@code row} (decoded with {@code types}) by its value, in place; returns {@code row}. */
  default Object[] detoastRow(List<DataType> types, Object[] row) {
    for (int i = 0; i < row.length && i < types.size(); i++) {
      if (row[i] instanceof ToastPointer p) row[i] = detoast(types.get(i).type(), p);
    }
    return row;
  }
}
