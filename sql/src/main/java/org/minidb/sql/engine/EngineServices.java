package org.minidb.sql.engine;

import java.nio.file.Path;
import org.minidb.planner.Planner;
import org.minidb.sql.settings.ServerSettings;
import org.minidb.storage.StorageEngine;

/**
 * What every session of one server shares: storage, the planner, the plan cache, server settings, the data
 * directory (where sessions keep their temporary files) and the statement_timeout timer.
 */
public record EngineServices(StorageEngine storage, Planner planner, PlanCache planCache, ServerSettings settings,
    Path dataDirectory, StatementTimer statementTimer) {}
