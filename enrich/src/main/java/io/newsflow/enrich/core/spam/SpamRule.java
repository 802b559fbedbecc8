package io.newsflow.enrich.core.spam;

import java.util.List;
import java.util.Set;

/**
 * One rule of the spam rule file: an id and version (recorded with every line it removes), a category, where it
 * looks, and what it matches. See {@code default-rules.yml} for the file format.
 */
public sealed interface SpamRule {
    /** What every rule has, whatever its kind. */
    record Header(String id, int version, RuleCategory category, RulePosition position, String description) {}

    Header header();

    default String id() {
        return header().id();
    }

    default int version() {
        return header().version();
    }

    default RuleCategory category() {
        return header().category();
    }

    default RulePosition position() {
        return header().position();
    }

    /**
     * Spam density of a line: weighted spam words over all words, with at least {@code minStrong} strong words and
     * {@code minAction} call-to-action words. When the article itself is about gambling, {@code topicDensity}
     * replaces {@code minDensity} and the line must also hold {@code topicMinAction} call-to-action words: a heading
     * such as "Situs Toto" is then news, while "Daftar Situs Toto Hari Ini" is still an advert. With
     * {@code nextToSpam} the rule only takes a line standing next to one removed as spam (a run of promotion:
     * "Withdraw tanpa batas" under "Slot Gacor Hari Ini"), and the run is followed both ways. A line holding one of
     * the {@code unless} words (folded, as the vocabulary is: reporting words such as "kata", "polisi", "said") is
     * news about the words, not an advert, and this rule leaves it.
     */
    record Keywords(Header header, int minStrong, int minAction, double minDensity, double topicDensity,
                    int topicMinAction, boolean nextToSpam, Set<String> unless) implements SpamRule {
        public Keywords {
            unless = Set.copyOf(unless);
        }
    }

    /** Regular expressions over the normalised line, for boilerplate; only lines of at most maxWords words. */
    record Patterns(Header header, List<GuardedPattern> patterns, int maxWords) implements SpamRule {
        public Patterns {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * Phrases cut out of a line that otherwise stays ("… kata dia. SCROLL TO CONTINUE WITH CONTENT Menurut …"):
     * every match of a pattern, found case-insensitively in the line as written, goes; the rest of the line stays.
     */
    record Inline(Header header, List<GuardedPattern> patterns) implements SpamRule {
        public Inline {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * A heading or short title line (at most {@code maxWords} words, no closing punctuation) that opens boilerplate
     * running to the next heading: "About Acme Corp." and the company profile under it at the end of a press
     * release. Only after {@code minProseBefore} prose paragraphs of the article, so a story that opens with such a
     * heading keeps it.
     */
    record Section(Header header, List<GuardedPattern> patterns, int maxWords, int minProseBefore) implements SpamRule {
        public Section {
            patterns = List.copyOf(patterns);
        }
    }

    /** A byline ("By x", "Oleh: x") whose handle is built from spam words and digits only. */
    record Handle(Header header, List<String> prefixes, int maxHandleWords) implements SpamRule {
        public Handle {
            prefixes = List.copyOf(prefixes);
        }
    }

    /** Short separated items, most of them spam. */
    record LinkFarm(Header header, int minItems, int maxItemWords, double minSpamItemShare) implements SpamRule {}
}
