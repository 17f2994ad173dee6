package io.llmeval.report;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The output directories under src/test/resources. */
final class Fixtures {

    private Fixtures() {}

    /** Hand-written, every number checkable by hand (small-run/README.md). */
    static Path smallRun() {
        return resource("small-run");
    }

    /** Real backfill output of the generator's traffic with every incident (generated-run/README.md). */
    static Path generatedRun() {
        return resource("generated-run");
    }

    private static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
