package org.minidb.server.slt;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Hands out a fresh, empty database for each file, so that the files' tables never collide. */
public interface SltDatabases {

    /** A new empty database; {@code name} is a hint (the file's name) for logs and directory names. */
    FreshDatabase create(String name) throws Exception;

    /** One file's database: opens connections to it, and is dropped (or its server stopped) on close. */
    interface FreshDatabase extends AutoCloseable {
        Connection open() throws SQLException;

        @Override
        void close() throws SQLException, IOException;
    }
}
