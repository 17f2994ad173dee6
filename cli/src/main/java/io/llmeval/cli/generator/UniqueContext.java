package io.llmeval.cli.generator;

import java.util.SplittableRandom;

/**
 * The conversation context that makes every prompt of {@link TextMode#UNIQUE} distinct: sentences from a small grammar
 * whose slots (people, products, places, times, numbers, problems, wishes) multiply to billions of sentences, so two
 * records share a context only by a negligible chance. Topic-neutral help-desk talk, so the question that follows
 * still decides the prompt's topic (and the topic-drift incident still moves the embeddings, if less than without it).
 */
final class UniqueContext {

    private static final String[] PEOPLE = {"my manager", "a customer", "our intern", "the night shift", "my colleague Ana",
        "the support team", "our CFO", "a new hire", "the on-call engineer", "my neighbour", "the design lead", "a student"};
    private static final String[] PRODUCTS = {"the billing dashboard", "our mobile app", "the shared calendar",
        "the VPN client", "the reporting export", "the order tracker", "the smart thermostat", "the print queue",
        "the mail filter", "the inventory sheet", "the booking page", "the chat widget", "the backup job"};
    private static final String[] PLACES = {"in the Lisbon office", "from home", "at the warehouse", "on the train",
        "in the lab", "at a client site", "in the branch near the station", "during a conference", "at night"};
    private static final String[] PROBLEMS = {"keeps timing out", "shows the wrong totals", "logs everyone out",
        "stopped syncing", "rejects valid passwords", "duplicates every entry", "is twice as slow as last month",
        "crashes on start", "sends the same email twice", "loses the last few changes", "ignores the new settings"};
    private static final String[] WISHES = {"a quick workaround", "the exact steps", "a short explanation",
        "a checklist I can share", "something I can try before the meeting", "an answer with the official limits",
        "a way to confirm it is fixed", "a summary for a non-technical reader"};
    private static final String[] TIMES = {"since Monday", "after the last update", "every other morning",
        "for about a week", "since we moved offices", "only on Fridays", "since the 3rd", "after midnight"};

    private UniqueContext() {}

    /** 1 to 6 sentences (mean 3.5), ending with a space. */
    static String sentences(SplittableRandom random) {
        int count = 1 + random.nextInt(6);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(sentence(random)).append(' ');
        }
        return text.toString();
    }

    private static String sentence(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> capitalise(pick(random, PEOPLE)) + " says " + pick(random, PRODUCTS) + " "
                    + pick(random, PROBLEMS) + " " + pick(random, TIMES) + ".";
            case 1 -> "We have " + (2 + random.nextInt(480)) + " users " + pick(random, PLACES) + " and "
                    + pick(random, PRODUCTS) + " " + pick(random, PROBLEMS) + " for " + (1 + random.nextInt(60))
                    + " of them.";
            case 2 -> "Ticket " + (10_000 + random.nextInt(90_000)) + " from " + pick(random, PEOPLE) + " was reopened "
                    + (1 + random.nextInt(9)) + " times " + pick(random, TIMES) + ".";
            case 3 -> "I tried restarting " + pick(random, PRODUCTS) + " " + pick(random, PLACES) + " at "
                    + (1 + random.nextInt(12)) + ":" + String.format("%02d", random.nextInt(60)) + " but it still "
                    + pick(random, PROBLEMS) + ".";
            default -> "I need " + pick(random, WISHES) + " for " + pick(random, PEOPLE) + " by "
                    + (1 + random.nextInt(28)) + " " + pick(random, new String[] {"March", "June", "October", "December"})
                    + ".";
        };
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
