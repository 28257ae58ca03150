package dev.orderly.sandbox.topic;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A short history of the sample workload's tables ({@link WorkloadSchema}) to write to a
 * {@link ScriptedTopic}: inserts, updates of the same keys, an update that changes an order's
 * sharding key (its customer), a delete, a schema change of {@code orders} and two watermarks.
 *
 * <pre>
 * seq 1  gtid:1  INSERT customers 1, INSERT orders 10 (customer 1)
 * seq 2  gtid:2  UPDATE orders 10 (amount)
 * seq 3  gtid:3  INSERT customers 2, INSERT orders 11 (customer 2)
 *        watermark 3
 * seq 4  gtid:4  UPDATE orders 10 (customer 1 to 2: the sharding key changes)
 * seq 5  gtid:5  ALTER TABLE orders (schema change)
 * seq 6  gtid:6  INSERT orders 12 (customer 1), UPDATE customers 1 (name)
 * seq 7  gtid:7  DELETE orders 11
 * seq 8  gtid:8  UPDATE customers 2 (tier), INSERT orders 13 (customer 2)
 *        watermark 8
 * </pre>
 */
public final class SampleHistory {

    /** The seq of the schema change. */
    public static final long SCHEMA_CHANGE_SEQ = 5;
    /** The seq of the last transaction. */
    public static final long LAST_SEQ = 8;

    private static final Map<String, Object> SOURCE = Map.of();

    private SampleHistory() {
    }

    /** Writes the history of {@code database}'s tables to {@code topic}, whose seq must start at 1. */
    public static ScriptedTopic writeTo(ScriptedTopic topic, String database) {
        TableId customers = WorkloadSchema.customers(database);
        TableId orders = WorkloadSchema.orders(database);
        topic.transaction("gtid:1", ChangeEvent.insert(customers, customer(1, "ann", 1), SOURCE),
                        ChangeEvent.insert(orders, order(10, 1, "12.50"), SOURCE))
                .transaction("gtid:2", ChangeEvent.update(orders, order(10, 1, "12.50"), order(10, 1, "13.75"), SOURCE))
                .transaction("gtid:3", ChangeEvent.insert(customers, customer(2, "bob", 1), SOURCE),
                        ChangeEvent.insert(orders, order(11, 2, "5.00"), SOURCE))
                .watermark()
                .transaction("gtid:4", ChangeEvent.update(orders, order(10, 1, "13.75"), order(10, 2, "13.75"), SOURCE))
                .schemaChange("gtid:5", "ALTER TABLE " + orders + " ADD COLUMN note VARCHAR(20) NULL", orders)
                .transaction("gtid:6", ChangeEvent.insert(orders, order(12, 1, "7.00"), SOURCE),
                        ChangeEvent.update(customers, customer(1, "ann", 1), customer(1, "anne", 1), SOURCE))
                .transaction("gtid:7", ChangeEvent.delete(orders, order(11, 2, "5.00"), SOURCE))
                .transaction("gtid:8", ChangeEvent.update(customers, customer(2, "bob", 1), customer(2, "bob", 2), SOURCE),
                        ChangeEvent.insert(orders, order(13, 2, "1.25"), SOURCE))
                .watermark();
        return topic;
    }

    private static Row customer(long id, String name, int tier) {
        return Row.of(Map.of("id", id, "name", name, "tier", tier, "version", 1));
    }

    private static Row order(long id, long customer, String amount) {
        return Row.of(Map.of("id", id, "customer_id", customer, "amount", new BigDecimal(amount), "status", "new"));
    }
}
