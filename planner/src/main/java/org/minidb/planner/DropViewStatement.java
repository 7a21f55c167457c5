package org.minidb.planner;

import java.util.List;

/** DROP VIEW [IF EXISTS] name [, ...] [CASCADE | RESTRICT]; names already case-folded. */
public record DropViewStatement(List<QualifiedName> views, boolean ifExists, boolean cascade)
    implements Statement {}
