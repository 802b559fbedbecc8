package io.newsflow.enrich.core.spam;

import java.util.ArrayList;
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
    private final Set<String> vocabulary = new HashSet<>();
    private final Map<String, SpamTier> stems = new HashMap<>();
    private int longestPhrase = 1;
    private int longestStem = 1;

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
            words.merge(String.join("", parts), tier, SpamTier::stronger);
            longestPhrase = Math.max(longestPhrase, parts.size());
        }
        for (String part : parts) {
            vocabulary.add(part);
            if (!part.chars().allMatch(Character::isDigit)) {
                stems.merge(part, parts.size() == 1 ? tier : SpamTier.ACTION, SpamTier::stronger);
                longestStem = Math.max(longestStem, part.length());
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

    /** The reading of a token to match phrases with: the first leet reading the vocabulary knows, else as written. */
    String canonical(String token) {
        List<String> variants = TextNormalizer.leetVariants(TextNormalizer.latinize(token));
        for (String v : variants) {
            if (vocabulary.contains(v) || words.containsKey(v)) {
                return v;
            }
        }
        return variants.get(0);
    }

    /** The tier of one token on its own (a word, a glued phrase, or a compound of spam stems), or null. */
    SpamTier tierOf(String token, boolean decompose) {
        List<String> variants = TextNormalizer.leetVariants(TextNormalizer.latinize(token));
        SpamTier best = null;
        for (String v : variants) {
            best = SpamTier.stronger(best, words.get(v));
        }
        if (best == null && decompose) {
            for (String v : variants) {
                best = SpamTier.stronger(best, compoundTier(v));
            }
        }
        return best;
    }

    SpamTier phraseTier(String joined) {
        return phrases.get(joined);
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
        List<String> parts = decompose(token);
        if (parts == null || parts.size() < 2) {
            return null;
        }
        boolean gambling = false;
        boolean strong = false;
        int stemCount = 0;
        for (String part : parts) {
            SpamTier tier = stems.get(part);
            if (tier == null) {
                continue; // digit run
            }
            stemCount++;
            gambling |= tier != SpamTier.ACTION;
            strong |= tier == SpamTier.STRONG;
        }
        boolean digits = parts.size() > stemCount;
        return gambling && (strong || stemCount >= 2 || digits) ? SpamTier.STRONG : null;
    }

    /** Splits a token into stems and digit runs (fewest parts), or null when it cannot be read that way. */
    private List<String> decompose(String token) {
        int n = token.length();
        int[] cost = new int[n + 1];
        int[] from = new int[n + 1];
        java.util.Arrays.fill(cost, Integer.MAX_VALUE);
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
                relax(cost, from, i, j);
            }
            for (int j = i + 1; j <= Math.min(n, i + longestStem); j++) {
                if (stems.containsKey(token.substring(i, j))) {
                    relax(cost, from, i, j);
                }
            }
        }
        if (cost[n] == Integer.MAX_VALUE) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int j = n; j > 0; j = from[j]) {
            parts.add(0, token.substring(from[j], j));
        }
        return parts;
    }

    private static void relax(int[] cost, int[] from, int i, int j) {
        if (cost[i] + 1 < cost[j]) {
            cost[j] = cost[i] + 1;
            from[j] = i;
        }
    }
}
