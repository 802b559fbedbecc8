package io.newsflow.enrich.core.spam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weighed spam vocabulary, folded once: single words, phrases of several words, the same phrases glued into one
 * token, and the stems a glued spam handle ("gacor88", "slotgacorresmi") may be built from.
 */
public final class Lexicon {
    private final Map<String, SpamTier> words = new HashMap<>();
    private final Map<String, SpamTier> phrases = new HashMap<>();
    private final Set<String> phraseStarts = new HashSet<>();
    private final Set<String> vocabulary = new HashSet<>();
    private final StemTrie stems = new StemTrie();
    /** Readings of tokens already seen; most words of a page, and of the next page, are seen before. */
    private final Map<String, Reading> readings = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Reading> decomposedReadings = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_READINGS = 200_000;
    private int longestPhrase = 1;

    Lexicon(Map<SpamTier, ? extends java.util.Collection<String>> terms) {
        for (SpamTier tier : SpamTier.values()) {
            for (String term : terms.containsKey(tier) ? terms.get(tier) : List.<String>of()) {
                add(term, tier);
            }
        }
    }

    private void add(String term, SpamTier tier) {
        List<String> parts = tokens(TextNormalizer.fold(term));
        if (parts.isEmpty()) {
            return;
        }
        if (parts.size() == 1) {
            words.merge(parts.get(0), tier, SpamTier::stronger);
        } else {
            phrases.merge(String.join(" ", parts), tier, SpamTier::stronger);
            phraseStarts.add(parts.get(0));
            words.merge(String.join("", parts), tier, SpamTier::stronger);
            longestPhrase = Math.max(longestPhrase, parts.size());
        }
        for (String part : parts) {
            vocabulary.add(part);
            if (!part.chars().allMatch(Character::isDigit)) {
                stems.add(part, parts.size() == 1 ? tier : SpamTier.ACTION);
            }
        }
    }

    /** Splits folded text into word tokens (letters, digits and the leet signs @ and $). */
    static List<String> tokens(String folded) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean word = i < folded.length() && isTokenChar(folded.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(folded.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '$';
    }

    /** How the vocabulary reads one token: its phrase-matching form and its tier, computed once per token. */
    record Reading(String canonical, SpamTier tier) {}

    Reading read(String token, boolean decompose) {
        Map<String, Reading> cache = decompose ? decomposedReadings : readings;
        Reading cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= MAX_CACHED_READINGS) {
            cache.clear(); // bounded: a crude reset is enough, the common words come back at once
        }
        Reading reading = readUncached(token, decompose);
        cache.put(token, reading);
        return reading;
    }

    private Reading readUncached(String token, boolean decompose) {
        String latin = TextNormalizer.latinize(token);
        if (lettersOnly(latin)) {
            SpamTier tier = words.get(latin);
            return new Reading(latin, tier == null && decompose ? compoundTier(latin) : tier);
        }
        List<String> variants = TextNormalizer.leetVariants(latin);
        String canonical = variants.get(0);
        for (String v : variants) {
            if (vocabulary.contains(v) || words.containsKey(v)) {
                canonical = v;
                break;
            }
        }
        SpamTier tier = null;
        for (String v : variants) {
            tier = SpamTier.stronger(tier, words.get(v));
        }
        if (tier == null && decompose) {
            for (String v : variants) {
                tier = SpamTier.stronger(tier, compoundTier(v));
            }
        }
        return new Reading(canonical, tier);
    }

    private static boolean lettersOnly(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isDigit(c) || c == '@' || c == '$') {
                return false;
            }
        }
        return true;
    }

    /** The tier of one token on its own (a word, a glued phrase, or a compound of spam stems), or null. */
    SpamTier tierOf(String token, boolean decompose) {
        return read(token, decompose).tier();
    }

    SpamTier phraseTier(String joined) {
        return phrases.get(joined);
    }

    boolean startsPhrase(String canonical) {
        return phraseStarts.contains(canonical);
    }

    int longestPhrase() {
        return longestPhrase;
    }

    /**
     * A token that reads entirely as spam stems and digit runs: two or more stems with at least one gambling stem
     * ("slotgacor", "hokibet") or a gambling stem with digits ("gacor88", "slot777") is spam-shaped; news writes
     * these words apart. Returns STRONG for such a token, else null.
     */
    SpamTier compoundTier(String token) {
        if (token.length() < 4 || token.length() > 40) {
            return null;
        }
        return stems.compoundIsSpam(token) ? SpamTier.STRONG : null;
    }

    /** Stems over a-z and 0-9 in a trie, so that splitting a token costs no allocation per candidate. */
    private static final class StemTrie {
        private static final int ALPHABET = 36;
        private int[][] next = new int[64][];
        private SpamTier[] tierAt = new SpamTier[64];
        private int size = 1;

        StemTrie() {
            next[0] = new int[ALPHABET];
        }

        void add(String stem, SpamTier tier) {
            int node = 0;
            for (int i = 0; i < stem.length(); i++) {
                int c = index(stem.charAt(i));
                if (c < 0) {
                    return; // stems outside a-z0-9 cannot be glued into an ASCII handle
                }
                if (next[node][c] == 0) {
                    if (size == next.length) {
                        next = Arrays.copyOf(next, size * 2);
                        tierAt = Arrays.copyOf(tierAt, size * 2);
                    }
                    next[size] = new int[ALPHABET];
                    next[node][c] = size++;
                }
                node = next[node][c];
            }
            tierAt[node] = SpamTier.stronger(tierAt[node], tier);
        }

        private static int index(char c) {
            if (c >= 'a' && c <= 'z') {
                return c - 'a';
            }
            if (c >= '0' && c <= '9') {
                return 26 + c - '0';
            }
            return -1;
        }

        /**
         * Reads the token as stems and digit runs with the fewest parts; spam when there are two or more parts, one
         * of them a gambling stem, and either a strong stem, a second stem, or digits among them.
         */
        boolean compoundIsSpam(String token) {
            int n = token.length();
            for (int i = 0; i < n; i++) {
                if (index(token.charAt(i)) < 0) {
                    return false;
                }
            }
            int[] cost = new int[n + 1];
            int[] from = new int[n + 1];
            SpamTier[] partTier = new SpamTier[n + 1]; // tier of the part ending at j; null for a digit run
            Arrays.fill(cost, Integer.MAX_VALUE);
            cost[0] = 0;
            for (int i = 0; i < n; i++) {
                if (cost[i] == Integer.MAX_VALUE) {
                    continue;
                }
                if (Character.isDigit(token.charAt(i))) {
                    int j = i;
                    while (j < n && Character.isDigit(token.charAt(j))) {
                        j++;
                    }
                    if (cost[i] + 1 < cost[j]) {
                        cost[j] = cost[i] + 1;
                        from[j] = i;
                        partTier[j] = null;
                    }
                }
                int node = 0;
                for (int j = i; j < n; j++) {
                    node = next[node][index(token.charAt(j))];
                    if (node == 0) {
                        break;
                    }
                    if (tierAt[node] != null && cost[i] + 1 < cost[j + 1]) {
                        cost[j + 1] = cost[i] + 1;
                        from[j + 1] = i;
                        partTier[j + 1] = tierAt[node];
                    }
                }
            }
            if (cost[n] == Integer.MAX_VALUE || cost[n] < 2) {
                return false;
            }
            boolean gambling = false;
            boolean strong = false;
            boolean digits = false;
            int stemCount = 0;
            for (int j = n; j > 0; j = from[j]) {
                SpamTier tier = partTier[j];
                if (tier == null) {
                    digits = true;
                } else {
                    stemCount++;
                    gambling |= tier != SpamTier.ACTION;
                    strong |= tier == SpamTier.STRONG;
                }
            }
            return gambling && (strong || stemCount >= 2 || digits);
        }
    }
}
