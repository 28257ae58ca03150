package dev.orderly.app.cli;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.demo.ScenarioReport;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The part of {@code orderly demo} that needs the sandbox module: an embedded MariaDB 11.4 and Kafka
 * broker in a temporary directory, the scenario streamed through them, the directory removed
 * afterwards. It lives apart from {@link DemoCommand} because the JVM resolves the sandbox types a
 * class's code names when it links that class, and picocli links every command class to list it: in
 * the distribution, which leaves the sandbox out, {@code DemoCommand} must still load.
 */
final class EmbeddedDemo {

    private EmbeddedDemo() {
    }

    /**
     * @param out where progress is printed
     * @param whileServersRun called with the report before the servers stop
     * @return the scenario's report
     */
    static ScenarioReport run(PrintWriter out, int writers, int changes, int partitions, long seed, Consumer<ScenarioReport> whileServersRun)
            throws IOException, InterruptedException, SQLException {
        Path work = Files.createTempDirectory("orderly-demo-");
        out.println("orderly demo: starting an embedded MariaDB 11.4 and a Kafka broker (KRaft) in " + work);
        out.flush();
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
             EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"))) {
            out.printf("servers up in %.1f s; streaming %d changes from %d writers in modes one_partition and hash (%d partitions)%n",
                    (System.nanoTime() - started) / 1e9, changes, writers, partitions);
            out.flush();
            ScenarioOptions options = new ScenarioOptions("shop", writers, changes, seed, partitions, List.of("one_partition", "hash"),
                    work.resolve("state"));
            ScenarioReport report = new DemoScenario(mariaDb, kafka.bootstrapServers(), options).run();
            whileServersRun.accept(report);
            return report;
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }
}
