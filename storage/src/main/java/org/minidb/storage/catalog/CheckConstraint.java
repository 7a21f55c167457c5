package org.minidb.storage.catalog;

/** A CHECK constraint (pg_constraint, contype 'c'); the expression is SQL text over the table's columns. */
public record CheckConstraint(String name, String expression) {}
