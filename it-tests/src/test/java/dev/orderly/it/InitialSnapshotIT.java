package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.cli.OrderlyCommand;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.KeyEncoding;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.OrderVerifier;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.VerifierSettings;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SnapshotMode;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code source.snapshot: initial} end to end: two tables with 5,000 existing rows (one with a
 * composite primary key) and a writer that keeps updating, deleting, inserting and re-keying them
 * from before the pipelines start until after they stream. A {@code one_partition} and a {@code hash}
 * pipeline each take their own snapshot and stream on; each topic is then checked:
 * <ul>
 *   <li>every row is read at most once ({@code op r}), in transactions {@code snapshot:<db.table>:<n>}
 *       of at most 1,000 rows, whose seqs come before every streamed transaction's;</li>
 *   <li>replayed per key in each partition's order, a key's snapshot row is its first record, and
 *       every later change starts from exactly the row the record before it left (the before image
 *       of an update or delete equals it, an insert finds no row): the snapshot is consistent with
 *       the binlog position streaming starts at, with no change lost or seen twice;</li>
 *   <li>an existing row without a snapshot read was deleted before the snapshot's position: the
 *       topic never mentions it and the table no longer has it;</li>
 *   <li>the replayed tables equal the source tables at the end; the order verifier and
 *       {@code orderly verify} find no violation; the checkpoint stands at the topic's last seq.</li>
 * </ul>
 * MySQL runs at-least-once, MariaDB exactly-once (read back {@code read_committed}).
 */
@ExtendWith(RealServers.class)
class InitialSnapshotIT {

    private static final int ACCOUNTS = 3_000;
    /** Two entries for each of the first 1,000 accounts. */
    private static final int LEDGER_ACCOUNTS = 1_000;
    private static final int HASH_PARTITIONS = 6;
    /** The most rows of one snapshot transaction (TransactionAssembler.SNAPSHOT_TRANSACTION_ROWS). */
    private static final int SNAPSHOT_TRANSACTION_ROWS = 1_000;
    /** Written last: once a topic holds it, the pipeline has every change before it. */
    private static final long SENTINEL = 999_999_999L;
    /** How long the writer goes on once both pipelines stream. */
    private static final Duration WRITING_AFTER_STREAMING = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void mySqlSnapshotPrecedesTheStreamedChangesOfEveryKeyInBothModes(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        assertSnapshotThenStream(mySql, kafka.bootstrapServers(), "snapshot_mysql", 5_710, DeliveryMode.AT_LEAST_ONCE);
    }

    @Test
    void mariaDbSnapshotPrecedesTheStreamedChangesOfEveryKeyInBothModesExactlyOnce(EmbeddedMariaDb mariaDb, EmbeddedKafka kafka) throws Exception {
        assertSnapshotThenStream(mariaDb, kafka.bootstrapServers(), "snapshot_mariadb", 5_720, DeliveryMode.EXACTLY_ONCE);
    }

    private static void assertSnapshotThenStream(EmbeddedDatabase database, String bootstrapServers, String db, int serverId, DeliveryMode delivery)
            throws Exception {
        long started = System.nanoTime();
        Tables tables = new Tables(db);
        tables.create(database);
        Map<String, OrderlySettings> pipelines = new LinkedHashMap<>();
        pipelines.put("one_partition", settings(database, bootstrapServers, db, "one_partition", serverId, delivery));
        pipelines.put("hash", settings(database, bootstrapServers, db, "hash", serverId + 1, delivery));

        Writer writer = new Writer(database, tables);
        Thread writing = new Thread(writer, "snapshot-it-writer");
        Map<String, PipelineRun> runs = new LinkedHashMap<>();
        Map<String, Long> transactionsWhenStreaming = new HashMap<>();
        long streamingAfterMillis;
        try {
            writing.start();
            writer.awaitTransactions(50);
            for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
                runs.put(pipeline.getKey(), Orderly.pipeline(pipeline.getValue()).start());
            }
            for (Map.Entry<String, PipelineRun> run : runs.entrySet()) {
                run.getValue().streaming().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                transactionsWhenStreaming.put(run.getKey(), run.getValue().progress().transactions());
            }
            streamingAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Thread.sleep(WRITING_AFTER_STREAMING.toMillis());
        } finally {
            writer.stop();
            writing.join();
        }
        assertThat(writer.failure()).as("writer failure").isEmpty();
        database.execute("INSERT INTO " + tables.accounts + " (id, owner, balance, version) VALUES (" + SENTINEL + ", 'sentinel', 0, 0)");
        Map<String, List<ConsumedRecord>> topics = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
                topics.put(pipeline.getKey(), awaitSentinel(pipeline.getValue(), runs.get(pipeline.getKey()), bootstrapServers, tables));
            }
        } finally {
            runs.values().forEach(PipelineRun::stop);
        }
        Map<TableId, Map<String, String>> finalTables = tables.read(database);
        System.out.printf("[it] %s snapshot: %,d existing rows, writer %,d transactions (at least %d before any pipeline started); both streaming %.1f s"
                        + " after the start%n", database.flavour(), ACCOUNTS + 2 * LEDGER_ACCOUNTS, writer.transactions(), 50,
                streamingAfterMillis / 1000.0);

        for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
            String mode = pipeline.getKey();
            OrderlySettings settings = pipeline.getValue();
            // Read again after the stop: the last records (and, exactly-once, the last Kafka transaction) are in.
            List<ConsumedRecord> records = readBack(settings, bootstrapServers);
            String label = database.flavour() + " " + mode + " " + delivery.configValue();
            TopicReplay replay = TopicReplay.of(records, tables);

            assertThat(replay.problems).as("%s: replay of every key in partition order", label).isEmpty();
            assertThat(replay.state).as("%s: replayed tables against the source tables", label).isEqualTo(finalTables);
            assertSnapshotReads(label, replay, tables, writer, finalTables);
            assertSnapshotTransactions(label, records, db);
            assertThat(transactionsWhenStreaming.get(mode)).as("%s: transactions handed on when the source said it streams", label)
                    .isGreaterThanOrEqualTo(replay.snapshotSeqs.size());

            VerificationReport report = OrderVerifier.verify(records, verifierSettings(mode, tables), Optional.empty());
            assertThat(report.violations()).as("%s: order verifier", label).isEmpty();
            assertThat(cliVerify(bootstrapServers, settings, mode, delivery)).as("%s: orderly verify", label).isEqualTo("exit 0");
            Optional<Checkpoint> checkpoint = Orderly.offsetStore(settings).load();
            long lastSeq = records.stream().mapToLong(record -> record.txn().seq()).max().orElse(0);
            assertThat(checkpoint).as("%s: checkpoint", label).hasValueSatisfying(value -> assertThat(value.seq()).isEqualTo(lastSeq));

            System.out.printf("[it] %s: %,d records, %,d snapshot reads in %,d snapshot transactions (seq 1-%d), %,d of them changed later,"
                            + " %,d existing rows deleted before the snapshot's position, %,d snapshot rows already changed by the writer; %s%n",
                    label, records.size(), replay.reads, replay.snapshotSeqs.size(), replay.snapshotSeqs.stream().mapToLong(Long::longValue).max().orElse(0),
                    replay.readThenChanged.size(), existingWithoutRead(replay, tables).size(), replay.readsOfChangedRows, report.summary());
        }
        System.out.printf("[it] %s snapshot IT took %.1f s%n", database.flavour(), (System.nanoTime() - started) / 1e9);
    }

    /** Every existing row read once, or deleted before the snapshot's position; rows read that were changed before it show it. */
    private static void assertSnapshotReads(String label, TopicReplay replay, Tables tables, Writer writer, Map<TableId, Map<String, String>> finalTables) {
        Set<String> withoutRead = existingWithoutRead(replay, tables);
        for (String tableKey : withoutRead) {
            assertThat(replay.mentioned).as("%s: %s has no snapshot read, so it was deleted before the snapshot's position and the topic never"
                    + " mentions it", label, tableKey).doesNotContain(tableKey);
            TableId table = TableId.parse(tableKey.substring(0, tableKey.indexOf(' ')));
            assertThat(finalTables.get(table)).as("%s: %s deleted before the snapshot", label, tableKey)
                    .doesNotContainKey(tableKey.substring(tableKey.indexOf(' ') + 1));
        }
        Set<String> unexpected = new HashSet<>(replay.readKeys);
        unexpected.removeAll(tables.existing);
        unexpected.removeAll(writer.created);
        assertThat(unexpected).as("%s: snapshot reads of rows that neither existed nor were written", label).isEmpty();
        assertThat(replay.reads).as("%s: snapshot reads", label).isEqualTo(replay.readKeys.size());
        assertThat(replay.readThenChanged).as("%s: rows changed after the snapshot read them", label).isNotEmpty();
        assertThat(replay.readsOfChangedRows).as("%s: rows the writer changed before the snapshot's position", label).isPositive();
    }

    /** Snapshot transactions: ids {@code snapshot:<db.table>:<n>}, only reads, at most 1,000 records, seqs 1..S before every streamed one. */
    private static void assertSnapshotTransactions(String label, List<ConsumedRecord> records, String db) {
        Pattern id = Pattern.compile("snapshot:" + Pattern.quote(db) + "\\.(accounts|ledger):[1-9][0-9]*");
        Map<Long, Integer> recordsBySnapshotSeq = new TreeMap<>();
        long firstStreamedSeq = Long.MAX_VALUE;
        for (ConsumedRecord record : records) {
            boolean snapshot = record.txn().id().startsWith("snapshot:");
            assertThat(record.operation() == Operation.READ).as("%s: %s is a read exactly when its transaction is a snapshot's", label, record)
                    .isEqualTo(snapshot);
            if (snapshot) {
                assertThat(record.txn().id()).as(label).matches(id);
                assertThat(record.txn().count()).as(label).isBetween(1, SNAPSHOT_TRANSACTION_ROWS);
                recordsBySnapshotSeq.merge(record.txn().seq(), 1, Integer::sum);
            } else {
                firstStreamedSeq = Math.min(firstStreamedSeq, record.txn().seq());
            }
        }
        assertThat(recordsBySnapshotSeq.keySet()).as("%s: snapshot seqs", label)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, recordsBySnapshotSeq.size()).boxed().toList());
        assertThat(firstStreamedSeq).as("%s: the first streamed seq follows the snapshot", label).isGreaterThan(recordsBySnapshotSeq.size());
    }

    private static Set<String> existingWithoutRead(TopicReplay replay, Tables tables) {
        Set<String> withoutRead = new HashSet<>(tables.existing);
        withoutRead.removeAll(replay.readKeys);
        return withoutRead;
    }

    private static OrderlySettings settings(EmbeddedDatabase database, String bootstrapServers, String db, String mode, int serverId,
                                            DeliveryMode delivery) {
        String name = db.replace('_', '-') + "-" + mode.replace('_', '-');
        SourceSettings source = new SourceSettings(SourceType.valueOf(database.flavour().toUpperCase(Locale.ROOT)), database.host(), database.port(),
                database.cdcUser(), database.cdcPassword(), serverId, List.of(new TableId(db, "accounts"), new TableId(db, "ledger")), Map.of(),
                SnapshotMode.INITIAL);
        SinkSettings sink = new SinkSettings(bootstrapServers, name + ".changes", mode.equals("hash") ? HASH_PARTITIONS : 1, delivery, Map.of(),
                SinkSettings.DEFAULT_OUTAGE_TIMEOUT, name + ".offsets", SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS);
        return new OrderlySettings(name, RealServers.workDirectory(name), source, sink, new PartitionSettings(mode, Map.of(), NoKeyPolicy.FAIL),
                "json", Optional.empty(), Duration.ofMillis(200));
    }

    private static VerifierSettings verifierSettings(String mode, Tables tables) {
        Map<TableId, ShardingColumns> sharding = Map.of(
                tables.accounts, new ShardingColumns(tables.accounts, Tables.ACCOUNT_KEY, ShardingColumns.Origin.PRIMARY_KEY),
                tables.ledger, new ShardingColumns(tables.ledger, Tables.LEDGER_KEY, ShardingColumns.Origin.PRIMARY_KEY));
        boolean onePartition = mode.equals("one_partition");
        return new VerifierSettings(onePartition ? OrderingGuarantee.TOTAL : OrderingGuarantee.PER_KEY, onePartition ? 1 : HASH_PARTITIONS, sharding,
                Map.of(tables.accounts, Tables.ACCOUNT_KEY, tables.ledger, Tables.LEDGER_KEY));
    }

    private static String cliVerify(String bootstrapServers, OrderlySettings settings, String mode, DeliveryMode delivery) {
        StringWriter out = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of("verify", "--bootstrap-servers", bootstrapServers, "--topic", settings.sink().topic(),
                "--mode", mode, "--writer-stopped"));
        if (delivery == DeliveryMode.EXACTLY_ONCE) {
            arguments.add("--exactly-once");
        }
        int exit = OrderlyCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), arguments.toArray(String[]::new));
        return exit == 0 ? "exit 0" : "exit " + exit + ":\n" + out;
    }

    /** Reads the topic until it holds the sentinel row: every change written before it is then in the topic. */
    private static List<ConsumedRecord> awaitSentinel(OrderlySettings settings, PipelineRun run, String bootstrapServers, Tables tables)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String sentinel = KeyEncoding.toJson(List.of(SENTINEL));
        while (true) {
            List<ConsumedRecord> records = readBack(settings, bootstrapServers);
            if (records.stream().anyMatch(record -> record.table().equals(tables.accounts)
                    && KeyEncoding.toJson(record.latestImage().project(Tables.ACCOUNT_KEY)).equals(sentinel))) {
                return records;
            }
            assertThat(run.failure()).as("%s pipeline failure", settings.name()).isEmpty();
            assertThat(System.nanoTime()).as("%s: the sentinel reached the topic within %d s", settings.name(), TIMEOUT.toSeconds())
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Every data record of the topic in (partition, offset) order, decoded; markers are left out. */
    private static List<ConsumedRecord> readBack(OrderlySettings settings, String bootstrapServers) {
        MessageFormatPort format = Orderly.format(settings.format());
        List<ConsumedRecord> records = new ArrayList<>();
        for (StoredRecord stored : Orderly.topicReader(bootstrapServers).readAll(settings.sink().topic())) {
            if (!stored.headers().containsKey(TransactionHeaders.MARKER)) {
                records.add(format.read(stored.partition(), stored.offset(), stored.key(), stored.value(), stored.headers()));
            }
        }
        return records;
    }

    /** A row as text that compares equal however its numbers are typed: its columns sorted, their values canonically encoded. */
    private static String canonical(Row row) {
        TreeMap<String, Object> sorted = new TreeMap<>(row.values());
        return sorted.keySet() + "=" + KeyEncoding.toJson(new ArrayList<>(sorted.values()));
    }

    /** The two tables: {@code accounts (id)} and {@code ledger (account_id, entry)}, and the keys of the rows they start with. */
    private static final class Tables {

        static final List<String> ACCOUNT_KEY = List.of("id");
        static final List<String> LEDGER_KEY = List.of("account_id", "entry");

        final String db;
        final TableId accounts;
        final TableId ledger;
        /** {@code "<db.table> <key>"} of every row that existed before the writer and the pipelines started. */
        final Set<String> existing = new HashSet<>();

        Tables(String db) {
            this.db = db;
            this.accounts = new TableId(db, "accounts");
            this.ledger = new TableId(db, "ledger");
        }

        List<String> keyOf(TableId table) {
            return table.equals(accounts) ? ACCOUNT_KEY : LEDGER_KEY;
        }

        static String tableKey(TableId table, String key) {
            return table + " " + key;
        }

        void create(EmbeddedDatabase database) throws SQLException {
            database.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
                    "CREATE TABLE " + accounts + " (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL, balance BIGINT NOT NULL, version INT NOT NULL)",
                    "CREATE TABLE " + ledger + " (account_id BIGINT NOT NULL, entry INT NOT NULL, amount BIGINT NOT NULL, note VARCHAR(40) NULL,"
                            + " PRIMARY KEY (account_id, entry))");
            try (Connection connection = connect(database)) {
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + accounts + " VALUES (?, ?, ?, 0)")) {
                    for (long id = 1; id <= ACCOUNTS; id++) {
                        insert.setLong(1, id);
                        insert.setString(2, "owner-" + id);
                        insert.setLong(3, id * 10);
                        insert.addBatch();
                        existing.add(tableKey(accounts, KeyEncoding.toJson(List.of(id))));
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + ledger + " VALUES (?, ?, ?, NULL)")) {
                    for (long account = 1; account <= LEDGER_ACCOUNTS; account++) {
                        for (int entry = 1; entry <= 2; entry++) {
                            insert.setLong(1, account);
                            insert.setInt(2, entry);
                            insert.setLong(3, account + entry);
                            insert.addBatch();
                            existing.add(tableKey(ledger, KeyEncoding.toJson(List.of(account, (long) entry))));
                        }
                    }
                    insert.executeBatch();
                }
                connection.commit();
            }
        }

        /** Each table's rows by key, as {@link #canonical} text. */
        Map<TableId, Map<String, String>> read(EmbeddedDatabase database) throws SQLException {
            Map<TableId, Map<String, String>> contents = new HashMap<>();
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                for (TableId table : List.of(accounts, ledger)) {
                    Map<String, String> rows = new HashMap<>();
                    try (ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData meta = result.getMetaData();
                        while (result.next()) {
                            Map<String, Object> values = new LinkedHashMap<>();
                            for (int column = 1; column <= meta.getColumnCount(); column++) {
                                values.put(meta.getColumnLabel(column), result.getObject(column));
                            }
                            Row row = Row.of(values);
                            rows.put(KeyEncoding.toJson(row.project(keyOf(table))), canonical(row));
                        }
                    }
                    contents.put(table, rows);
                }
            }
            return contents;
        }

        Connection connect(EmbeddedDatabase database) throws SQLException {
            return DriverManager.getConnection(database.jdbcUrl(db), database.adminUser(), database.adminPassword());
        }
    }

    /**
     * Keeps changing the existing rows, one small transaction after another: updates, deletes, inserts
     * of new rows, primary key changes of ledger entries, and an account update with a new ledger entry
     * in one transaction. Remembers the keys it created.
     */
    private static final class Writer implements Runnable {

        private final EmbeddedDatabase database;
        private final Tables tables;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong transactions = new AtomicLong();
        private final Random random = new Random(20_260_124);
        /** {@code "<db.table> <key>"} of every row the writer inserted or moved to a new key. */
        final Set<String> created = ConcurrentHashMap.newKeySet();
        private volatile Throwable failure;
        private long nextAccount = ACCOUNTS + 1;
        private int nextEntry = 1_000;

        Writer(EmbeddedDatabase database, Tables tables) {
            this.database = database;
            this.tables = tables;
        }

        @Override
        public void run() {
            try (Connection connection = tables.connect(database)) {
                connection.setAutoCommit(false);
                while (running.get()) {
                    try {
                        writeOne(connection);
                        connection.commit();
                        transactions.incrementAndGet();
                    } catch (SQLIntegrityConstraintViolationException duplicateKey) {
                        connection.rollback();
                    } catch (SQLException e) {
                        if (e.getErrorCode() != 1062) {
                            throw e;
                        }
                        connection.rollback();
                    }
                    Thread.sleep(1);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void writeOne(Connection connection) throws SQLException {
            long account = 1 + random.nextInt(ACCOUNTS);
            long ledgerAccount = 1 + random.nextInt(LEDGER_ACCOUNTS);
            int entry = 1 + random.nextInt(2);
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> update(connection, "UPDATE " + tables.accounts + " SET balance = balance + 1, version = version + 1 WHERE id = ?", account);
                case 3 -> update(connection, "DELETE FROM " + tables.accounts + " WHERE id = ?", account);
                case 4 -> {
                    long id = nextAccount++;
                    update(connection, "INSERT INTO " + tables.accounts + " (id, owner, balance, version) VALUES (?, 'new', 0, 0)", id);
                    created.add(Tables.tableKey(tables.accounts, KeyEncoding.toJson(List.of(id))));
                }
                case 5 -> update(connection, "UPDATE " + tables.ledger + " SET amount = amount + 1, note = 'touched' WHERE account_id = ? AND entry = "
                        + entry, ledgerAccount);
                case 6 -> {
                    // A primary key change (H3 in hash mode); a later change of the same row moves it on by another 100.
                    int moved = entry + 100 * (1 + random.nextInt(3));
                    created.add(Tables.tableKey(tables.ledger, KeyEncoding.toJson(List.of(ledgerAccount, (long) moved))));
                    update(connection, "UPDATE " + tables.ledger + " SET entry = " + moved + " WHERE account_id = ? AND entry = " + entry, ledgerAccount);
                }
                default -> {
                    int newEntry = nextEntry++;
                    update(connection, "UPDATE " + tables.accounts + " SET version = version + 1 WHERE id = ?", ledgerAccount);
                    created.add(Tables.tableKey(tables.ledger, KeyEncoding.toJson(List.of(ledgerAccount, (long) newEntry))));
                    update(connection, "INSERT INTO " + tables.ledger + " VALUES (?, " + newEntry + ", 1, 'new')", ledgerAccount);
                    if (random.nextBoolean()) {
                        update(connection, "DELETE FROM " + tables.ledger + " WHERE account_id = ? AND entry = " + entry, ledgerAccount);
                    }
                }
            }
        }

        private static void update(Connection connection, String sql, long key) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, key);
                statement.executeUpdate();
            }
        }

        void awaitTransactions(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (transactions.get() < count && failure == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        void stop() {
            running.set(false);
        }

        long transactions() {
            return transactions.get();
        }

        Optional<Throwable> failure() {
            return Optional.ofNullable(failure);
        }
    }

    /**
     * A topic replayed key by key in each partition's order (a key's records are all in one partition,
     * H1): a snapshot read must be the key's first record, an insert must find no row, an update or
     * delete must find exactly its before image.
     */
    private static final class TopicReplay {

        final Map<TableId, Map<String, String>> state = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        /** {@code "<db.table> <key>"} of every key a record mentions (before or after). */
        final Set<String> mentioned = new HashSet<>();
        final Set<String> readKeys = new HashSet<>();
        final Set<String> readThenChanged = new HashSet<>();
        final Set<Long> snapshotSeqs = new HashSet<>();
        long reads;
        /** Snapshot reads of rows the writer had changed already (a version above 0, or a touched ledger entry). */
        long readsOfChangedRows;

        static TopicReplay of(List<ConsumedRecord> records, Tables tables) {
            TopicReplay replay = new TopicReplay();
            records.forEach(record -> replay.apply(record, tables));
            return replay;
        }

        private void apply(ConsumedRecord record, Tables tables) {
            List<String> keyColumns = tables.keyOf(record.table());
            Map<String, String> rows = state.computeIfAbsent(record.table(), table -> new HashMap<>());
            String beforeKey = record.before() == null ? null : KeyEncoding.toJson(record.before().project(keyColumns));
            String afterKey = record.after() == null ? null : KeyEncoding.toJson(record.after().project(keyColumns));
            if (record.operation() == Operation.READ) {
                String tableKey = Tables.tableKey(record.table(), afterKey);
                reads++;
                snapshotSeqs.add(record.txn().seq());
                if (mentioned.contains(tableKey) || !readKeys.add(tableKey)) {
                    problems.add(record.position() + ": the snapshot read of " + tableKey + " is not the key's first record");
                }
                Object version = record.after().get("version");
                if ((version instanceof Number number && number.longValue() > 0) || "touched".equals(record.after().get("note"))
                        || "new".equals(record.after().get("owner"))) {
                    readsOfChangedRows++;
                }
            } else if (beforeKey != null && readKeys.contains(Tables.tableKey(record.table(), beforeKey))) {
                readThenChanged.add(Tables.tableKey(record.table(), beforeKey));
            }
            if (beforeKey != null) {
                mentioned.add(Tables.tableKey(record.table(), beforeKey));
                String current = rows.remove(beforeKey);
                if (!canonical(record.before()).equals(current)) {
                    problems.add(record.position() + ": " + record.operation() + " of " + record.table() + " " + beforeKey + " expects "
                            + canonical(record.before()) + " but the replay has " + current);
                }
            }
            if (afterKey != null) {
                mentioned.add(Tables.tableKey(record.table(), afterKey));
                String previous = rows.put(afterKey, canonical(record.after()));
                if (previous != null) {
                    problems.add(record.position() + ": " + record.operation() + " of " + record.table() + " " + afterKey
                            + " finds the row already there: " + previous);
                }
            }
        }
    }
}
