package io.llmeval.jobs.cli;

/**
 * The log file of {@code bin/llm-eval} (system property {@value #PROPERTY}, set from {@code $LLM_EVAL_LOG_FILE}): Flink's
 * own log lines go there, not to the console, so the commands name it where a user would look for details.
 */
public final class LogFile {

    public static final String PROPERTY = "llm-eval.log.file";

    private LogFile() {}

    /** {@code " (Flink's log: PATH)"}, or nothing when the process logs elsewhere (tests, {@code flink run}). */
    public static String note() {
        String path = System.getProperty(PROPERTY);
        return path == null || path.isBlank() ? "" : " (Flink's log: " + path + ")";
    }
}
