package dev.orderly.plugin.format;

import dev.orderly.domain.ordering.SplitRole;

/** The names of split roles in record values: {@code key-change-delete} and {@code key-change-insert}. */
public final class SplitRoles {

    private SplitRoles() {
    }

    public static String name(SplitRole role) {
        return switch (role) {
            case NONE -> "none";
            case KEY_CHANGE_DELETE -> "key-change-delete";
            case KEY_CHANGE_INSERT -> "key-change-insert";
        };
    }

    /** @throws IllegalArgumentException when {@code name} names no split role */
    public static SplitRole fromName(String name) {
        for (SplitRole role : SplitRole.values()) {
            if (name(role).equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("split must be key-change-delete or key-change-insert but got '" + name + "'");
    }
}
