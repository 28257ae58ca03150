package dev.orderly.bench;

import dev.orderly.adapter.debezium.BenchEngineProperties;
import dev.orderly.app.state.FileOffsetStore;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.config.OrderlySettings;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * R_dbz, the source ceiling, in a JVM of its own: Debezium's embedded engine with orderly's connector
 * settings ({@link BenchEngineProperties}), started from the checkpoint in the state directory of an
 * orderly configuration, and a consumer that does nothing but count the benchmark table's changes
 * and mark each processed. Prints {@code FIRST <epoch ms>} at the first change and
 * {@code DONE <epoch ms> <count>} once it counted the expected rows, then idles until stopped.
 *
 * <p>Arguments: the orderly configuration file, the number of rows to expect.
 */
public final class DebeziumCeiling {

    private DebeziumCeiling() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        long expected = Long.parseLong(args[1]);
        OrderlySettings settings = Orderly.loadSettings(config, System.getenv());
        Checkpoint checkpoint = new FileOffsetStore(settings.stateDirectory()).load()
                .orElseThrow(() -> new IllegalStateException("no checkpoint in " + settings.stateDirectory()));
        Properties properties = BenchEngineProperties.resumingAfter(settings.source(), settings.name(), settings.stateDirectory(),
                Optional.of(checkpoint.position()));
        String dataTopic = settings.name() + "." + BenchRows.TABLE_ID;
        long[] count = {0};
        CountDownLatch ended = new CountDownLatch(1);
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                .using(properties)
                .notifying((records, committer) -> {
                    for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
                        SourceRecord record = event.value();
                        if (record != null && dataTopic.equals(record.topic()) && record.value() instanceof Struct) {
                            if (count[0]++ == 0) {
                                System.out.println("FIRST " + System.currentTimeMillis());
                            }
                            if (count[0] == expected) {
                                System.out.println("DONE " + System.currentTimeMillis() + " " + count[0]);
                            }
                        }
                        committer.markProcessed(event);
                    }
                    committer.markBatchFinished();
                })
                .using((success, message, error) -> {
                    System.out.println("ENDED " + success + " " + message + (error == null ? "" : " " + error));
                    ended.countDown();
                })
                .build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.close();
            } catch (Exception | Error e) {
                // Stopping anyway.
            }
        }, "engine-close"));
        executor.execute(engine);
        ended.await();
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
