package org.minidb.planner.ddl;

import java.util.List;
import java.util.function.Predicate;

/**
 * Names of indexes nobody named, as PostgreSQL's ChooseIndexName chooses them: {@code table_pkey} for a primary
 * key, {@code table_col1_col2_key} for a UNIQUE constraint, {@code table_col1_col2_idx} for CREATE [UNIQUE]
 * INDEX; a number is appended to the label ({@code t_a_idx1}) until the name is free.
 */
public final class IndexNames {
  private IndexNames() {}

  public enum Kind { PRIMARY_KEY, UNIQUE_CONSTRAINT, INDEX }

  public static String choose(String table, List<String> columns, Kind kind, Predicate<String> taken) {
    String label = switch (kind) {
      case PRIMARY_KEY -> "pkey";
      case UNIQUE_CONSTRAINT -> "key";
      case INDEX -> "idx";
    };
    String columnPart = kind == Kind.PRIMARY_KEY ? null : String.join("_", columns);
    String name = ConstraintNames.makeObjectName(table, columnPart, label);
    for (int pass = 1; taken.test(name); pass++) {
      name = ConstraintNames.makeObjectName(table, columnPart, label + pass);
    }
    return name;
  }
}
