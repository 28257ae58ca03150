package dev.orderly.app.demo;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The hash topic read back through the transaction re-assembler, compared with the one_partition
 * topic of the same workload.
 *
 * @param transactions how many whole transactions the re-assembler released
 * @param difference the first difference from the one_partition topic; empty when they are equal
 */
public record ReassemblyCheck(long transactions, Optional<String> difference) {

    public ReassemblyCheck {
        requireNonNull(difference, "difference is null");
    }

    public boolean equal() {
        return difference.isEmpty();
    }
}
