package org.minidb.planner;

/**
 * What the planner makes of one SQL statement: an executable plan for queries and DML, or a validated
 * description of a DDL statement that the session carries out against the catalog.
 */
public sealed interface Statement permits PlannedStatement, CreateTableStatement, DropTableStatement,
    CreateViewStatement, DropViewStatement, CreateIndexStatement, DropIndexStatement,
    AlterTableStatement {}
