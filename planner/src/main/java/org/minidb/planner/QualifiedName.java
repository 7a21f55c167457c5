package org.minidb.planner;

/** A possibly schema-qualified object name, case-folded as PostgreSQL folds identifiers. */
public record QualifiedName(String schema, String name) {
  @Override
  public String toString() { return schema == null ? name : schema + "." + name; }
}
