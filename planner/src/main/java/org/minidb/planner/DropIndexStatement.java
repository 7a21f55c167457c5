package org.minidb.planner;

import java.util.List;

/** DROP INDEX [IF EXISTS] name [, ...] [CASCADE | RESTRICT]; names already case-folded. */
public record DropIndexStatement(List<QualifiedName> indexes, boolean ifExists, boolean cascade)
    implements Statement {}
