package org.minidb.server.slt;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * JDBC URLs for the runner: the simple query protocol (so that every value comes back as the text the
 * server sent), and timeouts on connecting and on every socket read, so that a server that stops
 * answering — one that ignores the cancel a query timeout sends — breaks the connection instead of
 * hanging the run.
 */
public final class SltConnections {

    private SltConnections() {}

    public static String url(String host, int port, String database, String user, Duration recordTimeout) {
        // Past the query timeout, so that the cancel request it sends is tried first.
        long socketSeconds = Math.max(1, recordTimeout.toSeconds()) + 5;
        return "jdbc:postgresql://" + host + ":" + port + "/" + database
                + "?user=" + user
                + "&preferQueryMode=simple"
                + "&connectTimeout=5&loginTimeout=" + socketSeconds
                + "&socketTimeout=" + socketSeconds
                + "&ApplicationName=minidb-slt";
    }

    public static Connection open(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(true);
        return c;
    }
}
