package io.llmeval.udfs.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReservoirSamplerTest {

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("req-" + i);
        }
        return ids;
    }

    private static float[] vector(String id) {
        return new float[] {id.hashCode(), id.length()};
    }

    private static ReservoirSampler<float[]> sampleOf(List<String> ids, int capacity) {
        ReservoirSampler<float[]> sampler = ReservoirSampler.forVectors(capacity, 7);
        for (String id : ids) {
            sampler.offer(id, vector(id));
        }
        return sampler;
    }

    /** Pinned priorities: the hash is part of the state format, so it must not change silently. */
    @ParameterizedTest
    @CsvSource({
            "'', 0, -1661737320637912074",
            "'', 7812739495324180844, -3225676262756118624",
            "a, 0, 2008961215415877093",
            "req-0001, 0, 4796524964341270608",
            "req-0001, 7812739495324180844, 7929000361651880295",
            "req-0002, 0, 569878880235130826",
            "0123456789abcdef, 7812739495324180844, 1324474108394774804",
            "'Hà Nội-42', 0, -2829675152391811177",
    })
    void hashIsPinned(String id, long seed, long expected) {
        assertThat(ReservoirSampler.hash(seed, id)).isEqualTo(expected);
    }

    @Test
    void keepsTheCapacitySmallestPrioritiesAndCountsEverything() {
        List<String> ids = ids(1000);
        ReservoirSampler<float[]> sampler = sampleOf(ids, 50);

        List<String> expected = new ArrayList<>(ids);
        expected.sort((a, b) -> Long.compareUnsigned(ReservoirSampler.hash(7, a), ReservoirSampler.hash(7, b)));
        assertThat(sampler.ids()).containsExactlyElementsOf(expected.subList(0, 50));
        assertThat(sampler.size()).isEqualTo(50);
        assertThat(sampler.seenCount()).isEqualTo(1000);
        assertThat(sampler.items().get(0)).containsExactly(vector(sampler.ids().get(0)));
    }

    @Test
    void sampleDoesNotDependOnArrivalOrder() {
        List<String> ids = ids(2000);
        byte[] inOrder = sampleOf(ids, 100).toBytes();
        Random random = new Random(3);
        for (int run = 0; run < 5; run++) {
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, random);
            assertThat(sampleOf(shuffled, 100).toBytes()).as("shuffle %d", run).isEqualTo(inOrder);
        }
    }

    @Test
    void mergingPanesInAnyOrderEqualsOnePass() {
        List<String> ids = ids(3000);
        ReservoirSampler<float[]> onePass = sampleOf(ids, 100);
        Random random = new Random(11);
        for (int run = 0; run < 3; run++) {
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, random);
            List<ReservoirSampler<float[]>> panes = new ArrayList<>();
            for (int p = 0; p < 7; p++) {
                panes.add(sampleOf(shuffled.subList(p * shuffled.size() / 7, (p + 1) * shuffled.size() / 7), 100));
            }
            Collections.shuffle(panes, random);
            ReservoirSampler<float[]> merged = ReservoirSampler.forVectors(100, 7);
            for (ReservoirSampler<float[]> pane : panes) {
                merged.merge(pane);
            }
            assertThat(merged.toBytes()).isEqualTo(onePass.toBytes());
            assertThat(merged.seenCount()).isEqualTo(3000);
        }
    }

    @Test
    void repeatedIdsAreCountedButSampledOnce() {
        ReservoirSampler<float[]> sampler = ReservoirSampler.forVectors(10, 7);
        for (int i = 0; i < 3; i++) {
            sampler.offer("a", new float[] {1});
            sampler.offer("b", new float[] {2});
        }
        assertThat(sampler.ids()).containsExactlyInAnyOrder("a", "b");
        assertThat(sampler.seenCount()).isEqualTo(6);
    }

    @Test
    void bytesRoundTrip() {
        ReservoirSampler<float[]> sampler = sampleOf(ids(300), 40);
        ReservoirSampler<float[]> restored = ReservoirSampler.fromBytes(sampler.toBytes(), ReservoirSampler.FLOAT_VECTOR);

        assertThat(restored.ids()).isEqualTo(sampler.ids());
        assertThat(restored.items()).usingRecursiveComparison().isEqualTo(sampler.items());
        assertThat(restored.seenCount()).isEqualTo(300);
        assertThat(restored.capacity()).isEqualTo(40);
        assertThat(restored.seed()).isEqualTo(7);
        // Restored state keeps sampling exactly as the original would.
        sampler.offer("late", vector("late"));
        restored.offer("late", vector("late"));
        assertThat(restored.toBytes()).isEqualTo(sampler.toBytes());
    }

    @Test
    void stringSamplesRoundTripAndSelectTheSameIdsAsVectorSamples() {
        ReservoirSampler<String> texts = ReservoirSampler.forStrings(40, 7);
        for (String id : ids(300)) {
            texts.offer(id, "prompt of " + id + " – ünïcödé");
        }
        ReservoirSampler<String> restored = ReservoirSampler.fromBytes(texts.toBytes(), ReservoirSampler.STRING);

        assertThat(restored.items()).isEqualTo(texts.items());
        assertThat(restored.ids()).isEqualTo(sampleOf(ids(300), 40).ids());
    }

    /** Every id is kept with probability capacity / n (checked over many seeds). */
    @Test
    void inclusionIsUniform() {
        List<String> ids = ids(200);
        int[] kept = new int[ids.size()];
        int seeds = 2000;
        for (int seed = 0; seed < seeds; seed++) {
            ReservoirSampler<float[]> sampler = ReservoirSampler.forVectors(20, seed);
            for (String id : ids) {
                sampler.offer(id, new float[0]);
            }
            for (String id : sampler.ids()) {
                kept[Integer.parseInt(id.substring(4))]++;
            }
        }
        // Expected 200 per id (binomial sd ~13.4); 5 sd either side.
        for (int i = 0; i < kept.length; i++) {
            assertThat((double) kept[i]).as("id %d", i).isCloseTo(200, within(67.0));
        }
    }

    @Test
    void mergeRejectsDifferentSettings() {
        ReservoirSampler<float[]> a = ReservoirSampler.forVectors(10, 1);
        assertThatThrownBy(() -> a.merge(ReservoirSampler.forVectors(10, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot merge samplers with different settings: capacity 10 seed 1 vs capacity 10 seed 2");
    }

    @Test
    void rejectsZeroCapacity() {
        assertThatThrownBy(() -> ReservoirSampler.forVectors(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1, got 0");
    }
}
