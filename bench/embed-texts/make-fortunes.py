#!/usr/bin/env python3
"""Builds fortunes.jsonl, the real English texts of the embedding benchmark, from Debian's fortune files.

Needs `apt-get install fortunes fortunes-min`; run from anywhere: `python3 bench/embed-texts/make-fortunes.py`.
Deterministic (seeded); each fortune is one text with its whitespace collapsed. Sets (field "set"):
  short  1,000 texts of 3-12 words (chat turns, labels)
  mixed  1,200 texts of 3-200 words: 70 % of 3-40 words, 25 % of 41-120, 5 % of 121-200 (log prompts/responses)
  long   the fortunes of 180-300 words (context passages; truncated at 256 tokens)
No text appears twice in the file. Licence: BSD, see LICENSE beside this script.
"""
import json
import os
import random

FORTUNES = "/usr/share/games/fortunes"
# BSD-licensed files of the fortunes and fortunes-min packages (no offensive/ set).
FILES = ("fortunes literature riddles computers science wisdom work people education politics law medicine "
         "humorists platitudes miscellaneous food pets kids love sports magic paradoxum goedel linux "
         "definitions").split()


def read_all():
    seen, out = set(), []
    for name in FILES:
        with open(os.path.join(FORTUNES, name), encoding="utf-8", errors="replace") as f:
            for chunk in f.read().split("\n%\n"):
                text = " ".join(chunk.replace("\t", " ").split())
                if text and text not in seen and text.isprintable():
                    seen.add(text)
                    out.append((name, text))
    return out


def words(text):
    return len(text.split())


def pick(pool, n, rng, used):
    candidates = [t for t in pool if t[1] not in used]
    chosen = rng.sample(candidates, min(n, len(candidates)))
    used.update(t[1] for t in chosen)
    return chosen


def main():
    rng = random.Random(42)
    texts = read_all()
    used = set()
    sets = []
    sets += [("long", t) for t in pick([t for t in texts if 180 <= words(t[1]) <= 300], 10**6, rng, used)]
    sets += [("short", t) for t in pick([t for t in texts if 3 <= words(t[1]) <= 12], 1000, rng, used)]
    mixed = (pick([t for t in texts if 3 <= words(t[1]) <= 40], 840, rng, used)
             + pick([t for t in texts if 41 <= words(t[1]) <= 120], 300, rng, used)
             + pick([t for t in texts if 121 <= words(t[1]) <= 200], 60, rng, used))
    rng.shuffle(mixed)
    sets += [("mixed", t) for t in mixed]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fortunes.jsonl")
    counters = {}
    with open(out, "w", encoding="utf-8") as f:
        for name, (source, text) in sets:
            counters[name] = counters.get(name, 0) + 1
            f.write(json.dumps({"id": "%s-%04d" % (name, counters[name]), "set": name, "source": source,
                                "text": text}, ensure_ascii=False) + "\n")
    print(out, counters)


if __name__ == "__main__":
    main()
