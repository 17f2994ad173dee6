package io.llmeval.udfs.sketch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopExemplarsTest {

    @Test
    void keepsTheThreeHeaviestLargestFirst() {
        TopExemplars top = offered("r1", 1.0, "r2", 5.0, "r3", 3.0, "r4", 4.0, "r5", 0.5);

        assertThat(top.ids()).containsExactly("r2", "r4", "r3");
        assertThat(top.weightArray()).containsExactly(5.0, 4.0, 3.0);
    }

    @Test
    void tiesRankByIdAndARepeatedIdCountsOnceWithItsLargestWeight() {
        TopExemplars top = offered("z", 2.0, "y", 2.0, "x", 1.0, "x", 9.0, "w", 2.0, "x", 3.0);

        assertThat(top.ids()).containsExactly("x", "w", "y");
    }

    @Test
    void nullIdsAndNanWeightsAreIgnoredAndNothingIsNull() {
        TopExemplars top = new TopExemplars();
        top.offer(null, 1.0);
        top.offer("q", Double.NaN);

        assertThat(top.ids()).isNull();
        assertThat(top.idArray()).isEmpty();
    }

    @Test
    void anyOrderAndAnySplitGiveTheSameIds() {
        Random random = new Random(3);
        List<String> ids = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add("id-" + random.nextInt(60));
            weights.add((double) random.nextInt(20)); // many ties
        }
        TopExemplars inOrder = new TopExemplars();
        for (int i = 0; i < ids.size(); i++) {
            inOrder.offer(ids.get(i), weights.get(i));
        }
        for (int trial = 0; trial < 20; trial++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            TopExemplars left = new TopExemplars();
            TopExemplars right = new TopExemplars();
            int split = random.nextInt(ids.size());
            for (int i = 0; i < order.size(); i++) {
                (i < split ? left : right).offer(ids.get(order.get(i)), weights.get(order.get(i)));
            }
            left.merge(right);
            assertThat(left).isEqualTo(inOrder);
        }
    }

    @Test
    void writesAndReadsItself() throws Exception {
        TopExemplars top = offered("trace-ä", 12.5, "x".repeat(70_000), 3.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        top.writeTo(new DataOutputStream(bytes));

        TopExemplars read = TopExemplars.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isEqualTo(top);
        assertThat(read.ids()).containsExactly("trace-ä", "x".repeat(70_000));
    }

    @Test
    void ofRejectsArraysThatCannotBeExemplars() {
        assertThatThrownBy(() -> TopExemplars.of(new String[] {"a"}, new double[0]))
                .hasMessage("exemplars: 1 ids and 0 weights, expected equal lengths of at most 3");
    }

    private static TopExemplars offered(Object... idWeightPairs) {
        TopExemplars top = new TopExemplars();
        for (int i = 0; i < idWeightPairs.length; i += 2) {
            top.offer((String) idWeightPairs[i], (Double) idWeightPairs[i + 1]);
        }
        return top;
    }
}
