package org.minidb.server.slt;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts MiniDB through {@code org.minidb.server.MiniDbServer.start(new ServerOptions(dir, settings))}.
 *
 * <p>Reached by reflection only while that class is being written, so that the suite compiles without
 * it and skips with a clear message; to be replaced by the direct calls once it is in the tree.
 */
final class MiniDbLauncher implements SltServerLauncher {

    private final Method start;
    private final Constructor<?> options;
    private final Method port;
    private final Method close;

    private MiniDbLauncher(Method start, Constructor<?> options, Method port, Method close) {
        this.start = start;
        this.options = options;
        this.port = port;
        this.close = close;
    }

    /** The launcher, or empty with the reason when MiniDB's server class is not there (yet). */
    static Optional<SltServerLauncher> find(StringBuilder whyNot) {
        try {
            Class<?> server = Class.forName("org.minidb.server.MiniDbServer");
            Class<?> serverOptions = Class.forName("org.minidb.server.ServerOptions");
            return Optional.of(new MiniDbLauncher(server.getMethod("start", serverOptions),
                    serverOptions.getConstructor(Path.class, Map.class), server.getMethod("port"),
                    server.getMethod("close")));
        } catch (ReflectiveOperationException e) {
            whyNot.append("org.minidb.server.MiniDbServer.start(ServerOptions) is not available: ").append(e);
            return Optional.empty();
        }
    }

    @Override
    public RunningServer start(Path dataDirectory, Map<String, String> settings) throws Exception {
        Object server = invoke(start, null, options.newInstance(dataDirectory, settings));
        return new RunningServer() {
            @Override
            public int port() {
                return (Integer) invoke(port, server);
            }

            @Override
            public void close() {
                invoke(close, server);
            }
        };
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(method.getName() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(method.getName() + " is not accessible", e);
        }
    }
}
