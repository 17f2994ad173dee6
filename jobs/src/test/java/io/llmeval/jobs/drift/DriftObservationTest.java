package io.llmeval.jobs.drift;

import io.llmeval.udfs.drift.ReservoirSampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DriftObservationTest {

    private static DriftObservation observation(String id, String model, String text) {
        DriftObservation o = new DriftObservation();
        o.requestId = id;
        o.model = model;
        o.route = model == null ? null : "rag";
        o.timestampMillis = model == null ? Long.MIN_VALUE : 1_767_225_600_000L;
        o.text = text;
        o.inputTokens = model == null ? -1 : 42;
        o.outputTokens = -1;
        return o;
    }

    /** A sample of log-record rows and plain-text rows (no key, no time) survives serialisation field for field. */
    @Test
    void samplerOfObservationsRoundTrips() {
        ReservoirSampler<DriftObservation> sample = new ReservoirSampler<>(10, 7, DriftObservation.CODEC);
        sample.offer("req-1", observation("req-1", "gpt-4o-mini", "How long is the warranty?"));
        sample.offer("texts.jsonl:3", observation("texts.jsonl:3", null, "Ünïcode – and a long text ".repeat(3000)));

        ReservoirSampler<DriftObservation> copy = ReservoirSampler.fromBytes(sample.toBytes(), DriftObservation.CODEC);

        assertThat(copy.ids()).isEqualTo(sample.ids());
        assertThat(copy.items()).usingRecursiveFieldByFieldElementComparator().isEqualTo(sample.items());
        assertThat(copy.seenCount()).isEqualTo(2);
    }
}
