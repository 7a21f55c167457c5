package org.minidb.planner;

/** What a planned statement does; it decides the command tag (SELECT n, INSERT 0 n, UPDATE n, ...). */
public enum StatementKind { SELECT, INSERT, UPDATE, DELETE }
