package dev.orderly.domain.ordering;

/** Whether a record is a half of an update that changed the sharding key (H3). */
public enum SplitRole {
    NONE,
    /** The DELETE of the old key, written to the old key's partition. */
    KEY_CHANGE_DELETE,
    /** The INSERT of the new key, written to the new key's partition. */
    KEY_CHANGE_INSERT
}
