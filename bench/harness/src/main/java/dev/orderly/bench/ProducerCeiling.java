package dev.orderly.bench;

import dev.orderly.adapter.kafka.BenchProducerSettings;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.config.OrderlySettings;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * R_p1 and R_pN, the sink ceilings, in a JVM of its own: one idempotent producer with exactly the
 * settings orderly's at-least-once sink derives from an orderly configuration
 * ({@link BenchProducerSettings}), sending the records of a {@link FeedFile} (orderly's json records
 * with their keys and transaction headers, formatted beforehand) as fast as it can, pipelined, and
 * flushing at the end. Prints {@code DONE <epoch ms> <records>} once every record is acknowledged,
 * or {@code FAILED <error>}, then idles until stopped.
 *
 * <p>Arguments: the orderly configuration file (its sink: brokers, topic), the feed file,
 * {@code one} (every record to partition 0) or {@code spread} (each to the partition in the feed).
 */
public final class ProducerCeiling {

    private ProducerCeiling() {
    }

    public static void main(String[] args) throws Exception {
        OrderlySettings settings = Orderly.loadSettings(Path.of(args[0]), System.getenv());
        Path feed = Path.of(args[1]);
        boolean spread = args[2].equals("spread");
        String topic = settings.sink().topic();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(BenchProducerSettings.of(settings.sink(), "bench-producer"),
                new ByteArraySerializer(), new ByteArraySerializer());
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(feed), 1 << 20))) {
            producer.partitionsFor(topic);
            System.out.println("FIRST " + System.currentTimeMillis());
            while (failure.get() == null) {
                FeedFile.Entry entry;
                try {
                    entry = FeedFile.read(in);
                } catch (EOFException end) {
                    break;
                }
                RecordHeaders headers = new RecordHeaders();
                for (int i = 0; i < entry.headerNames().length; i++) {
                    headers.add(entry.headerNames()[i], entry.headerValues()[i]);
                }
                producer.send(new ProducerRecord<>(topic, spread ? entry.partition() : 0, entry.key(), entry.value(), headers), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
                sent++;
            }
            producer.flush();
            if (failure.get() != null) {
                System.out.println("FAILED " + failure.get());
            } else {
                System.out.println("DONE " + System.currentTimeMillis() + " " + acknowledged.get() + " of " + sent);
            }
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
