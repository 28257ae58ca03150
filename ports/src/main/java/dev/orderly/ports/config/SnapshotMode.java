package dev.orderly.ports.config;

/** {@code source.snapshot}: whether a pipeline without a checkpoint first reads the included tables' rows. */
public enum SnapshotMode {
    /** Read every included table's rows first, as snapshot records, then stream the binlog from the snapshot's position. */
    INITIAL("initial"),
    /** Start streaming at the current end of the binlog; rows written before are not read. */
    NEVER("never");

    private final String configValue;

    SnapshotMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
