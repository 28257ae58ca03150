package dev.orderly.it;

import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real servers of the integration tests, each started at most once per test run (on first use)
 * and stopped by its own process handle when the run ends. A test class registers this extension and
 * declares the servers it needs as parameters ({@link EmbeddedKafka}, {@link EmbeddedMySql},
 * {@link EmbeddedMariaDb}).
 */
final class RealServers implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class || type == EmbeddedMySql.class || type == EmbeddedMariaDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == EmbeddedKafka.class) {
            return kafka(context);
        }
        return type == EmbeddedMySql.class ? mySql(context) : mariaDb(context);
    }


    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServers.class);

    static EmbeddedKafka kafka(ExtensionContext context) {
        return server(context, "kafka", directory -> EmbeddedKafka.start(directory), EmbeddedKafka.class);
    }

    static EmbeddedMySql mySql(ExtensionContext context) {
        return server(context, "mysql", directory -> EmbeddedMySql.start(directory), EmbeddedMySql.class);
    }

    static EmbeddedMariaDb mariaDb(ExtensionContext context) {
        return server(context, "mariadb", directory -> EmbeddedMariaDb.start(directory), EmbeddedMariaDb.class);
    }

    private static final Path RUN_DIRECTORY = createRunDirectory();

    /** A fresh directory for a test's own files (pipeline state, configs), removed when the run ends. */
    static Path workDirectory(String name) {
        try {
            return Files.createTempDirectory(RUN_DIRECTORY, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createRunDirectory() {
        try {
            Path directory = Files.createTempDirectory("orderly-it-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteRecursively(directory), "orderly-it-cleanup"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Starter<T> {
        T start(Path directory);
    }

    /** Holds a server in the root store, so JUnit closes it once, after the last test of the run, and removes its files. */
    private record Held<T extends AutoCloseable>(T server, Path directory) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            server.close();
            FileTrees.deleteRecursively(directory);
        }
    }

    private static <T extends AutoCloseable> T server(ExtensionContext context, String name, Starter<T> starter, Class<T> type) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Held<?> held = store.getOrComputeIfAbsent(name, key -> {
            long started = System.nanoTime();
            Path directory = workDirectory(name);
            T server = starter.start(directory);
            System.out.printf("[it] %s started in %.1f s: %s%n", name, (System.nanoTime() - started) / 1e9, server);
            return new Held<>(server, directory);
        }, Held.class);
        return type.cast(held.server());
    }
}
