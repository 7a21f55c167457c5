package org.minidb.server.slt;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases on one running server that has {@code CREATE DATABASE} (PostgreSQL): each file gets
 * {@code CREATE DATABASE slt_<pid>_<n>}, dropped when the file is done.
 */
public final class PostgresDatabases implements SltDatabases {

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final Duration recordTimeout;
    private final AtomicInteger counter = new AtomicInteger();

    public PostgresDatabases(String host, int port, String adminDatabase, String user, Duration recordTimeout) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.recordTimeout = recordTimeout;
    }

    @Override
    public FreshDatabase create(String name) throws SQLException {
        String database = "slt_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
        admin("CREATE DATABASE " + database);
        String url = SltConnections.url(host, port, database, user, recordTimeout);
        return new FreshDatabase() {
            @Override
            public Connection open() throws SQLException {
                return SltConnections.open(url);
            }

            @Override
            public void close() throws SQLException {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        };
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = SltConnections.open(SltConnections.url(host, port, adminDatabase, user, recordTimeout));
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
