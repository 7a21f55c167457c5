package org.minidb.server.slt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh MiniDB per file: MiniDB has one database per data directory for now, so each file gets its own
 * temporary data directory and its own server on an ephemeral loopback port (fsync off: the corpus tests
 * SQL, not durability). The server is stopped and the directory deleted when the file is done.
 */
public final class MiniDbDatabases implements SltDatabases {

    private final SltServerLauncher launcher;
    private final Duration recordTimeout;

    public MiniDbDatabases(SltServerLauncher launcher, Duration recordTimeout) {
        this.launcher = launcher;
        this.recordTimeout = recordTimeout;
    }

    @Override
    public FreshDatabase create(String name) throws Exception {
        Path dataDirectory = Files.createTempDirectory("minidb-slt-");
        // Statement errors are what the corpus is about: log only warnings and worse, not each of them.
        Map<String, String> settings = Map.of("port", "0", "listen_addresses", "127.0.0.1", "fsync", "off",
                "log_min_messages", "warning");
        SltServerLauncher.RunningServer server;
        try {
            server = launcher.start(dataDirectory, settings);
        } catch (Exception e) {
            deleteTree(dataDirectory);
            throw e;
        }
        String url = SltConnections.url("127.0.0.1", server.port(), "postgres", "postgres", recordTimeout);
        return new FreshDatabase() {
            @Override
            public Connection open() throws SQLException {
                return SltConnections.open(url);
            }

            @Override
            public void close() throws IOException {
                try {
                    server.close();
                } finally {
                    deleteTree(dataDirectory);
                }
            }
        };
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
