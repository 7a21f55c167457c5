package org.minidb.sql.engine;

import java.nio.file.Path;
import org.minidb.sql.Engine;
import org.minidb.sql.settings.ServerSettings;

/** Opens the SQL engine over a data directory (created and bootstrapped on first start). */
public final class SqlEngine {
  private SqlEngine() {}

  /** Opens storage in {@code dataDirectory} with the given server settings and returns the engine. */
  public static Engine open(ServerSettings settings, Path dataDirectory) {
    throw new UnsupportedOperationException("being written by the lead");
  }
}
