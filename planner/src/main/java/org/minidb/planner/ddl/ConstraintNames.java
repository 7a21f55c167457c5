package org.minidb.planner.ddl;

import java.util.Set;

/**
 * Names for unnamed constraints, chosen as PostgreSQL's ChooseConstraintName does:
 * {@code table_column_label} or {@code table_label}, each part shortened so the whole fits in 63 bytes, and
 * a counter appended to the label ({@code t_check1}, {@code t_check2}, ...) until the name is unused.
 */
final class ConstraintNames {
  private ConstraintNames() {}

  /**
   * @param column null for a name without the column part
   * @param used the names taken so far; the chosen name is not added
   */
  static String choose(String table, String column, String label, Set<String> used) {
    String name = makeObjectName(table, column, label);
    for (int pass = 1; used.contains(name); pass++) {
      name = makeObjectName(table, column, label + pass);
    }
    return name;
  }

  /**
   * PostgreSQL's makeObjectName: {@code name1[_name2][_label]}; the label is kept whole and the longer of
   * name1/name2 is shortened first, one byte at a time, until the result fits in 63 bytes.
   */
  static String makeObjectName(String name1, String name2, String label) {
    int name1Bytes = Identifiers.utf8Length(name1);
    int name2Bytes = 0;
    int overhead = 0;
    if (name2 != null) {
      name2Bytes = Identifiers.utf8Length(name2);
      overhead++;
    }
    if (label != null) {
      overhead += Identifiers.utf8Length(label) + 1;
    }
    int available = Identifiers.MAX_NAME_BYTES - overhead;
    while (name1Bytes + name2Bytes > available) {
      if (name1Bytes > name2Bytes) {
        name1Bytes--;
      } else {
        name2Bytes--;
      }
    }
    StringBuilder name = new StringBuilder(Identifiers.clip(name1, name1Bytes));
    if (name2 != null) {
      name.append('_').append(Identifiers.clip(name2, name2Bytes));
    }
    if (label != null) {
      name.append('_').append(label);
    }
    return name.toString();
  }
}
