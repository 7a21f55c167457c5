package org.minidb.sql.engine;

import java.nio.file.Path;
import org.minidb.planner.Planner;
import org.minidb.sql.settings.ServerSettings;
import org.minidb.storage.StorageEngine;

/**
 * What every session of one server shares: storage, the planner, the plan cache, server settings, and the data
 * directory (where sessions keep their temporary files).
 */
public record EngineServices(StorageEngine storage, Planner planner, PlanCache planCache, ServerSettings settings,
    Path dataDirectory) {}
