package io.llmeval.jobs.alerts;

import java.util.Locale;

/** The two events of an incident. */
public enum AlertState {
    /** The incident's run of breached windows reached {@code consecutive-windows}. */
    FIRING,
    /** The window after the incident closed unbreached, or did not follow on. */
    RESOLVED;

    /** As written in the events: {@code firing}, {@code resolved}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
