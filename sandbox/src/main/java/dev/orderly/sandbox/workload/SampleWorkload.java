package dev.orderly.sandbox.workload;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.verify.CommittedChange;
import dev.orderly.domain.verify.CommittedTransaction;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers on a small set of hot keys. Every statement touches at most one row and changes
 * it for real, and carries its transaction's tag in a comment ({@code /*txn:w3-17*&#47;}) that the
 * server writes to the binlog with the rows (MySQL rows-query events, MariaDB annotate-rows events),
 * so {@link BinlogListing} can read the true commit order back.
 */
public final class SampleWorkload {

    private static final int HOT_CUSTOMERS = 25;
    private static final int HOT_ORDERS = 60;
    private static final int HOT_ACCOUNTS = 25;

    private final WorkloadOptions options;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    /**
     * @param options how much to write, and where
     * @param jdbcUrl a JDBC URL of the server (any default database)
     * @param user a user that may write the workload's database
     * @param password its password
     */
    public SampleWorkload(WorkloadOptions options, String jdbcUrl, String user, String password) {
        this.options = options;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Runs the writers until {@link WorkloadOptions#changes()} changes are committed. */
    public WorkloadResult run() throws InterruptedException {
        Map<String, CommittedTransaction> journal = new ConcurrentHashMap<>();
        AtomicLong changes = new AtomicLong();
        AtomicLong rolledBack = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.writers());
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < options.writers(); writer++) {
                Writer task = new Writer(writer, journal, changes, rolledBack, conflicts);
                writers.add(pool.submit(() -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                try {
                    writer.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a workload writer failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new WorkloadResult(journal, changes.get(), rolledBack.get(), conflicts.get(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** One writer: its own connection, random generator and fresh-key space. */
    private final class Writer {

        private final int number;
        private final Random random;
        private final Map<String, CommittedTransaction> journal;
        private final AtomicLong changes;
        private final AtomicLong rolledBack;
        private final AtomicLong conflicts;
        private final TableId customers = WorkloadSchema.customers(options.database());
        private final TableId orders = WorkloadSchema.orders(options.database());
        private final TableId accounts = WorkloadSchema.accounts(options.database());
        private long fresh;

        Writer(int number, Map<String, CommittedTransaction> journal, AtomicLong changes, AtomicLong rolledBack, AtomicLong conflicts) {
            this.number = number;
            this.random = new Random(options.seed() * 31 + number);
            this.journal = journal;
            this.changes = changes;
            this.rolledBack = rolledBack;
            this.conflicts = conflicts;
        }

        void run() throws SQLException {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET SESSION innodb_lock_wait_timeout = 5");
                }
                int sequence = 0;
                while (changes.get() < options.changes()) {
                    String tag = options.database() + ":" + options.runLabel() + "w" + number + "-" + (++sequence);
                    List<CommittedChange> done = new ArrayList<>();
                    try {
                        int statements = 1 + random.nextInt(5);
                        for (int i = 0; i < statements; i++) {
                            step(connection, tag, done);
                        }
                        if (random.nextInt(100) < options.rollbackPercent()) {
                            connection.rollback();
                            rolledBack.incrementAndGet();
                            continue;
                        }
                        connection.commit();
                    } catch (SQLException e) {
                        // Deadlocks, lock timeouts and duplicate keys are part of a hot-key workload: the transaction is simply not committed.
                        connection.rollback();
                        conflicts.incrementAndGet();
                        continue;
                    }
                    if (!done.isEmpty()) {
                        journal.put(tag, new CommittedTransaction(null, done));
                        changes.addAndGet(done.size());
                    }
                }
            }
        }

        private void step(Connection connection, String tag, List<CommittedChange> done) throws SQLException {
            long customer = 1 + random.nextInt(HOT_CUSTOMERS);
            long order = 1 + random.nextInt(HOT_ORDERS);
            String account = "acct-" + (1 + random.nextInt(HOT_ACCOUNTS));
            switch (random.nextInt(14)) {
                case 0, 1 -> write(connection, tag, done, "INSERT IGNORE INTO %s (id, name, tier, version) VALUES (?, ?, ?, 1)",
                        customers, Operation.INSERT, null, List.of(customer), customer, "customer-" + customer, random.nextInt(5));
                case 2, 3 -> write(connection, tag, done, "UPDATE %s SET tier = ?, version = version + 1 WHERE id = ?",
                        customers, Operation.UPDATE, List.of(customer), List.of(customer), random.nextInt(5), customer);
                case 4 -> {
                    long moved = freshNumber();
                    write(connection, tag, done, "UPDATE %s SET id = ?, version = version + 1 WHERE id = ?",
                            customers, Operation.UPDATE, List.of(customer), List.of(moved), moved, customer);
                }
                case 5 -> {
                    write(connection, tag, done, "DELETE FROM %s WHERE id = ?", customers, Operation.DELETE, List.of(customer), null, customer);
                    write(connection, tag, done, "INSERT IGNORE INTO %s (id, name, tier, version) VALUES (?, ?, ?, 1)",
                            customers, Operation.INSERT, null, List.of(customer), customer, "reborn-" + customer, random.nextInt(5));
                }
                case 6, 7 -> write(connection, tag, done, "INSERT IGNORE INTO %s (id, customer_id, amount, status) VALUES (?, ?, ?, 'new')",
                        orders, Operation.INSERT, null, List.of(order), order, customer, amount());
                case 8 -> write(connection, tag, done, "UPDATE %s SET amount = amount + 1.25, status = 'paid' WHERE id = ?",
                        orders, Operation.UPDATE, List.of(order), List.of(order), order);
                case 9 -> write(connection, tag, done, "UPDATE %s SET customer_id = ?, amount = amount + 0.01, status = 'moved' WHERE id = ?",
                        orders, Operation.UPDATE, List.of(order), List.of(order), customer, order);
                case 10 -> write(connection, tag, done, "DELETE FROM %s WHERE id = ?", orders, Operation.DELETE, List.of(order), null, order);
                case 11 -> write(connection, tag, done, "INSERT IGNORE INTO %s (code, owner, balance) VALUES (?, ?, ?)",
                        accounts, Operation.INSERT, null, List.of(account), account, random.nextBoolean() ? null : "owner-" + customer, amount());
                case 12 -> {
                    if (random.nextBoolean()) {
                        write(connection, tag, done, "UPDATE %s SET balance = balance + ? WHERE code = ?",
                                accounts, Operation.UPDATE, List.of(account), List.of(account), amount(), account);
                    } else {
                        String renamed = "acct-w" + number + "-" + freshNumber();
                        write(connection, tag, done, "UPDATE %s SET code = ?, balance = balance + 1 WHERE code = ?",
                                accounts, Operation.UPDATE, List.of(account), List.of(renamed), renamed, account);
                    }
                }
                default -> write(connection, tag, done, "DELETE FROM %s WHERE code = ?", accounts, Operation.DELETE, List.of(account), null, account);
            }
        }

        /** Runs one single-row statement and journals it when it changed a row. */
        private void write(Connection connection, String tag, List<CommittedChange> done, String sqlTemplate, TableId table, Operation operation,
                           List<Object> identityBefore, List<Object> identityAfter, Object... parameters) throws SQLException {
            String sql = "/*txn:" + tag + "*/ " + String.format(sqlTemplate, table);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                int rows = statement.executeUpdate();
                if (rows > 1) {
                    throw new IllegalStateException("workload statement changed " + rows + " rows but must change at most one: " + sql);
                }
                if (rows == 1) {
                    done.add(new CommittedChange(table, operation, identityBefore, identityAfter));
                }
            }
        }

        private long freshNumber() {
            return 1_000_000L * (number + 1) + (++fresh);
        }

        private BigDecimal amount() {
            return BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
        }
    }
}
