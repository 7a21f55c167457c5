package org.minidb.server.slt;

import java.nio.file.Path;
import java.util.Map;

/** Starts a MiniDB server in this JVM on a data directory, with settings by PostgreSQL's names. */
@FunctionalInterface
public interface SltServerLauncher {

    RunningServer start(Path dataDirectory, Map<String, String> settings) throws Exception;

    /** A started server: the port it listens on (the settings ask for an ephemeral one), and its shutdown. */
    interface RunningServer extends AutoCloseable {
        int port();

        @Override
        void close();
    }
}
