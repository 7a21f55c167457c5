package org.minidb.executor.plan;

/**
 * One value a parameterized Nested Loop passes to its inner side (PostgreSQL's NestLoopParam): before each rescan
 * of the inner input, column {@code outerColumn} of the current outer row is stored in executor parameter
 * {@code slot}, which the inner Index Scan's key bounds read ({@code Exprs.execParam(slot)}).
 */
public record NestParam(int slot, int outerColumn) {}
