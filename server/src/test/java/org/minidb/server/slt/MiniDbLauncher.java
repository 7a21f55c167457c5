package org.minidb.server.slt;

import java.nio.file.Path;
import java.util.Map;
import org.minidb.server.MiniDbServer;
import org.minidb.server.ServerOptions;

/** Starts MiniDB in this JVM: {@code MiniDbServer.start(new ServerOptions(dir, settings))}. */
final class MiniDbLauncher implements SltServerLauncher {

    @Override
    public RunningServer start(Path dataDirectory, Map<String, String> settings) {
        MiniDbServer server = MiniDbServer.start(new ServerOptions(dataDirectory, settings));
        return new RunningServer() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
