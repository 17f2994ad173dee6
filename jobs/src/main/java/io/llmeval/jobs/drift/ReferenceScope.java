package io.llmeval.jobs.drift;

import java.util.Arrays;

/** Which reference rows a key's windows are compared with. */
public enum ReferenceScope {
    /** The key's own rows when the reference has enough of them, else all rows. */
    PER_KEY("per-key"),
    /** All rows, for every key. */
    GLOBAL("global");

    private final String id;

    ReferenceScope(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ReferenceScope fromId(String id) {
        for (ReferenceScope scope : values()) {
            if (scope.id.equals(id)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown drift reference scope '" + id + "'; valid: "
                + Arrays.stream(values()).map(ReferenceScope::id).toList());
    }
}
