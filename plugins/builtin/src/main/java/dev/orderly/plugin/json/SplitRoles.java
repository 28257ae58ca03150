package dev.orderly.plugin.json;

import dev.orderly.domain.ordering.SplitRole;

/** The names of split roles in the json format. */
final class SplitRoles {

    private SplitRoles() {
    }

    static String name(SplitRole role) {
        return switch (role) {
            case NONE -> "none";
            case KEY_CHANGE_DELETE -> "key-change-delete";
            case KEY_CHANGE_INSERT -> "key-change-insert";
        };
    }

    static SplitRole fromName(String name) {
        for (SplitRole role : SplitRole.values()) {
            if (name(role).equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("split must be key-change-delete or key-change-insert but got '" + name + "'");
    }
}
