package org.minidb.executor.plan;

/** Join semantics; the issue after the server core adds the outer ones to the planner. */
public enum JoinType { INNER, LEFT, RIGHT, FULL, SEMI, ANTI }
