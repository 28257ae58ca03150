package dev.orderly.domain.verify;

import static dev.orderly.domain.verify.TestingTopic.CUSTOMERS;
import static dev.orderly.domain.verify.TestingTopic.ORDERS;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A seeded random workload of valid changes: inserts, updates (some changing the sharding key), deletes and re-inserts. */
final class TestingWorkload {

    private static final Map<String, Object> SOURCE = Map.of();

    private final Random random;
    private final int keys;
    private final Map<Long, Row> orders = new HashMap<>();
    private final Map<Long, Row> customers = new HashMap<>();

    private TestingWorkload(int keys, long seed) {
        this.keys = keys;
        this.random = new Random(seed);
    }

    /** {@code transactions} transactions of 2 to 8 changes each over {@code keys} order ids. */
    static List<Transaction> random(int transactions, int keys, long seed) {
        TestingWorkload workload = new TestingWorkload(keys, seed);
        List<Transaction> result = new ArrayList<>(transactions);
        for (int i = 1; i <= transactions; i++) {
            List<ChangeEvent> changes = new ArrayList<>();
            int size = 2 + workload.random.nextInt(7);
            for (int k = 0; k < size; k++) {
                changes.add(workload.random.nextInt(10) == 0 ? workload.customerChange() : workload.orderChange());
            }
            result.add(TestingTopic.transaction("gtid:" + i, changes.toArray(ChangeEvent[]::new)));
        }
        return result;
    }

    private ChangeEvent orderChange() {
        long id = 1 + random.nextInt(keys);
        Row before = orders.get(id);
        if (before == null) {
            Row after = TestingTopic.order(id, customerId(), random.nextInt(1000));
            orders.put(id, after);
            return ChangeEvent.insert(ORDERS, after, SOURCE);
        }
        int dice = random.nextInt(10);
        if (dice < 2) {
            orders.remove(id);
            return ChangeEvent.delete(ORDERS, before, SOURCE);
        }
        long customer = dice < 5 ? customerId() : ((Number) before.get("customer_id")).longValue();
        Row after = TestingTopic.order(id, customer, random.nextInt(1000));
        orders.put(id, after);
        return ChangeEvent.update(ORDERS, before, after, SOURCE);
    }

    private ChangeEvent customerChange() {
        long id = customerId();
        Row before = customers.get(id);
        Row after = TestingTopic.customer(id, "name-" + random.nextInt(100));
        customers.put(id, after);
        return before == null ? ChangeEvent.insert(CUSTOMERS, after, SOURCE) : ChangeEvent.update(CUSTOMERS, before, after, SOURCE);
    }

    private long customerId() {
        return 1 + random.nextInt(Math.max(1, keys / 5));
    }
}
