package org.minidb.planner;

import java.util.List;

/** DROP TABLE [IF EXISTS] name [, ...] [CASCADE | RESTRICT]; names already case-folded. */
public record DropTableStatement(List<QualifiedName> tables, boolean ifExists, boolean cascade)
    implements Statement {}
