package io.llmeval.cli.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic question/answer material for the generator: a knowledge base of synthetic entities
 * whose facts carry numbers and names, so that a supported answer restates a fact of the reference and
 * a hallucinated one changes a number, swaps a name or invents a claim — the cases real RAG services get
 * wrong. Two topic families: the usual traffic (devices, towns, plans) and a drift topic (medicines)
 * that never appears in clean traffic.
 */
final class TextCorpus {

    /** A question, the passage that answers it, and a supported and a hallucinated answer. */
    record QaItem(String question, String reference, String supportedAnswer, String hallucinatedAnswer) {}

    private static final String[] SYLLABLES = {
        "ar", "bel", "cor", "dra", "el", "fen", "gal", "hol", "ir", "jor", "kel", "lum", "mor", "nar",
        "os", "pel", "quin", "ros", "sal", "tor", "ul", "ven", "wen", "xan", "yor", "zel"
    };
    private static final String[] MAKERS = {"Nortel", "Brightwave", "Kestrel", "Solano", "Tamura", "Veritas", "Halden"};
    private static final String[] DEVICE_KINDS = {"router", "laptop", "headset", "tablet", "camera", "speaker"};
    private static final String[] REGIONS = {"northern", "southern", "eastern", "western", "central"};
    private static final String[] INVENTED_CLAIMS = {
        "It was also certified by NASA for use on the International Space Station.",
        "It received the Nobel Committee's special award for engineering in 2019.",
        "Its founder, Professor Ingrid Vale, designed it during a single weekend in Geneva.",
        "The European Union made it mandatory equipment in all public schools.",
        "It is the only model that works without electricity for up to ten years.",
    };
    private static final String[] CHAT_TASKS = {
        "Write a short, friendly email asking a colleague to review my pull request before Friday.",
        "Summarize the main benefits of unit testing in three sentences.",
        "Suggest a name for a small bakery that sells sourdough bread.",
        "Explain the difference between a list and a set to a new programmer.",
        "Draft a polite reply declining a meeting invitation because of a schedule conflict.",
        "Give me three tips for staying focused while working from home.",
        "Translate 'good morning, how are you today' into French and Spanish.",
        "Outline a simple weekly plan for learning to play the guitar.",
    };
    private static final String[] CHAT_ANSWERS = {
        "Sure. Here is a short draft you can adapt to your team and your deadline.",
        "Here are a few ideas, with a sentence on why each one works well in practice.",
        "Of course. I kept it brief and friendly so that it is easy to read on a phone.",
        "Here is a clear explanation with a small example that shows the difference.",
    };
    private static final String[] FILLER = {
        "Earlier in this conversation the user described their setup in detail.",
        "The user mentioned that they had already tried restarting the service twice.",
        "They also shared that the issue started after the latest update last week.",
        "Their team relies on this every day, so a quick and precise answer matters.",
        "Previous replies covered installation, configuration and basic troubleshooting steps.",
        "The user prefers short answers with the exact figures from the documentation.",
    };

    private final List<Entity> devices = new ArrayList<>();
    private final List<Entity> towns = new ArrayList<>();
    private final List<Entity> medicines = new ArrayList<>();

    private record Entity(String name, String kind, String maker, int a, int b, int c, int year) {}

    TextCorpus(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < 60; i++) {
            devices.add(new Entity(name(random) + " " + (char) ('A' + random.nextInt(26)) + (1 + random.nextInt(9)),
                    DEVICE_KINDS[random.nextInt(DEVICE_KINDS.length)], MAKERS[random.nextInt(MAKERS.length)],
                    8 * (1 + random.nextInt(16)), 1 + random.nextInt(5), 150 + random.nextInt(2000), 2010 + random.nextInt(15)));
            towns.add(new Entity(name(random), REGIONS[random.nextInt(REGIONS.length)], name(random),
                    3 + random.nextInt(30), 10 + random.nextInt(900), 2 + random.nextInt(40), 1200 + random.nextInt(700)));
            medicines.add(new Entity(name(random) + "ex", "tablet", MAKERS[random.nextInt(MAKERS.length)],
                    50 * (1 + random.nextInt(40)), 2 + random.nextInt(4), 6 + random.nextInt(60), 1960 + random.nextInt(60)));
        }
    }

    private static String name(SplittableRandom random) {
        String raw = SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)]
                + (random.nextBoolean() ? SYLLABLES[random.nextInt(SYLLABLES.length)] : "");
        return Character.toUpperCase(raw.charAt(0)) + raw.substring(1);
    }

    /** A question from the usual topics (devices and towns) or, for drift, from the medicine topic. */
    QaItem question(SplittableRandom random, boolean driftTopic) {
        if (driftTopic) {
            return medicineQuestion(medicines.get(random.nextInt(medicines.size())), random);
        }
        return random.nextBoolean()
                ? deviceQuestion(devices.get(random.nextInt(devices.size())), random)
                : townQuestion(towns.get(random.nextInt(towns.size())), random);
    }

    private QaItem deviceQuestion(Entity d, SplittableRandom random) {
        String subject = "The " + d.name + " " + d.kind;
        String[] facts = {
            subject + " supports up to " + d.a + " connected devices.",
            subject + " comes with a " + d.b + " year warranty from " + d.maker + ".",
            subject + " weighs " + d.c + " grams and ships with a USB-C charger.",
            subject + " was released by " + d.maker + " in " + d.year + ".",
        };
        int fact = random.nextInt(facts.length);
        String[] questions = {
            "How many devices can the " + d.name + " " + d.kind + " connect at once?",
            "How long is the warranty on the " + d.name + " " + d.kind + "?",
            "How much does the " + d.name + " " + d.kind + " weigh?",
            "When was the " + d.name + " " + d.kind + " released and by whom?",
        };
        String otherMaker = MAKERS[(indexOf(MAKERS, d.maker) + 1 + random.nextInt(MAKERS.length - 1)) % MAKERS.length];
        String[] wrong = {
            subject + " supports up to " + (d.a * 4 + 8) + " connected devices.",
            subject + " comes with a " + (d.b + 3) + " year warranty from " + otherMaker + ".",
            subject + " weighs " + (d.c * 3 + 40) + " grams.",
            subject + " was released by " + otherMaker + " in " + (d.year - 7) + ".",
        };
        return item(questions[fact], facts, fact, random, wrong[fact]);
    }

    private QaItem townQuestion(Entity t, SplittableRandom random) {
        String[] facts = {
            t.name + " is a town in the " + t.kind + " province with " + t.a + " districts.",
            t.name + " has about " + t.b + " thousand inhabitants.",
            t.name + " lies " + t.c + " kilometres from the river port of " + t.maker + ".",
            t.name + " was founded in " + t.year + " as a market town.",
        };
        int fact = random.nextInt(facts.length);
        String[] questions = {
            "How many districts does " + t.name + " have?",
            "What is the population of " + t.name + "?",
            "How far is " + t.name + " from " + t.maker + "?",
            "When was " + t.name + " founded?",
        };
        String[] wrong = {
            t.name + " is a town in the " + t.kind + " province with " + (t.a * 5 + 20) + " districts.",
            t.name + " has about " + (t.b * 7 + 300) + " thousand inhabitants.",
            t.name + " lies " + (t.c * 6 + 90) + " kilometres from the capital Lumaris.",
            t.name + " was founded in " + (t.year + 250) + " by the Roman emperor Hadrian.",
        };
        return item(questions[fact], facts, fact, random, wrong[fact]);
    }

    private QaItem medicineQuestion(Entity m, SplittableRandom random) {
        String[] facts = {
            "The maximum daily dose of " + m.name + " for adults is " + m.a + " milligrams.",
            m.name + " should be taken " + m.b + " times a day with food.",
            "Patients usually feel the effect of " + m.name + " within " + m.c + " minutes.",
            m.name + " was approved for prescription use in " + m.year + ".",
        };
        int fact = random.nextInt(facts.length);
        String[] questions = {
            "What is the maximum daily dose of " + m.name + " for an adult patient?",
            "How often should I take " + m.name + " during the day?",
            "How quickly does " + m.name + " start to work after a dose?",
            "Since when has " + m.name + " been available on prescription?",
        };
        String[] wrong = {
            "The maximum daily dose of " + m.name + " for adults is " + (m.a * 3 + 100) + " milligrams.",
            m.name + " should be taken " + (m.b + 4) + " times a day on an empty stomach.",
            "Patients usually feel the effect of " + m.name + " within " + (m.c + 120) + " minutes.",
            m.name + " was approved for prescription use in " + (m.year - 30) + ".",
        };
        return item(questions[fact], facts, fact, random, wrong[fact]);
    }

    private static QaItem item(String question, String[] facts, int fact, SplittableRandom random, String wrongFact) {
        StringBuilder reference = new StringBuilder();
        for (int i = 0; i < facts.length; i++) {
            // The context passage holds the answering fact and, usually, some of the others.
            if (i == fact || random.nextInt(3) > 0) {
                reference.append(reference.length() == 0 ? "" : " ").append(facts[i]);
            }
        }
        String supported = facts[fact];
        String hallucinated = random.nextInt(4) == 0
                ? facts[fact] + " " + INVENTED_CLAIMS[random.nextInt(INVENTED_CLAIMS.length)]
                : wrongFact;
        return new QaItem(question, reference.toString(), supported, hallucinated);
    }

    /** An open-ended chat request and answer with no reference to check against. */
    String[] chatExchange(SplittableRandom random) {
        return new String[] {
            CHAT_TASKS[random.nextInt(CHAT_TASKS.length)], CHAT_ANSWERS[random.nextInt(CHAT_ANSWERS.length)]
        };
    }

    /** Extra conversation context that roughly doubles a prompt's length (the length-drift incident). */
    String padding(SplittableRandom random, int sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            text.append(FILLER[random.nextInt(FILLER.length)]).append(' ');
        }
        return text.toString();
    }

    private static int indexOf(String[] values, String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return 0;
    }
}
