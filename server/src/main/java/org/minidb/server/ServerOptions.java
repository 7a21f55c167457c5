package org.minidb.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a server is started with: its data directory and the setting overrides already merged from
 * {@code minidb.conf}, the environment and the command line (see {@link Configuration}).
 */
public record ServerOptions(Path dataDirectory, Map<String, String> settings) {
  public ServerOptions {
    settings = Map.copyOf(settings);
  }
}
