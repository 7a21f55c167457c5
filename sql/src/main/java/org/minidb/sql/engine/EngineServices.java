package org.minidb.sql.engine;

import org.minidb.planner.Planner;
import org.minidb.sql.settings.ServerSettings;
import org.minidb.storage.StorageEngine;

/**
 * What every session of one server shares: storage, the planner, the plan cache, server settings and the
 * statement_timeout timer.
 */
public record EngineServices(StorageEngine storage, Planner planner, PlanCache planCache, ServerSettings settings,
    StatementTimer statementTimer) {}
