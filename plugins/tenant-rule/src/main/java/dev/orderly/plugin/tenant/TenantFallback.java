package dev.orderly.plugin.tenant;

import java.util.Arrays;

/** Where the {@code tenant} rule places a change whose tenant is not in its map; configured as kebab-case text. */
enum TenantFallback {
    /** The hash of the change's sharding key, as the built-in {@code hash} rule: keys of one tenant spread over partitions. */
    HASH("hash"),
    /** The hash of the tenant value as a one-value key: all of a tenant's rows share a partition. */
    TENANT_HASH("tenant-hash");

    private final String configValue;

    TenantFallback(String configValue) {
        this.configValue = configValue;
    }

    String configValue() {
        return configValue;
    }

    /** @throws IllegalArgumentException quoting the value and naming the allowed ones */
    static TenantFallback parse(String text) {
        for (TenantFallback fallback : values()) {
            if (fallback.configValue.equals(text)) {
                return fallback;
            }
        }
        throw new IllegalArgumentException("'" + TenantRule.FALLBACK.key() + "' must be one of "
                + String.join(", ", Arrays.stream(values()).map(TenantFallback::configValue).toList()) + " but got \"" + text + "\"");
    }
}
