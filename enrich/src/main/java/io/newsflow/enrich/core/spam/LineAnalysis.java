package io.newsflow.enrich.core.spam;

import java.util.List;

/**
 * What the spam vocabulary sees in one line: how many words, how many of them weigh as spam (strong, context,
 * action), and the resulting density. Words inside quotation marks never weigh: a quoted gambler is news.
 */
record LineAnalysis(String folded, int words, int strong, int context, int action, double density) {

    boolean hasSpamWords() {
        return strong + context > 0;
    }

    /** Long enough and ordinary enough to be the article's own prose. */
    boolean isProse() {
        return words >= 10 && density < 0.2;
    }

    static LineAnalysis of(String line, Lexicon lexicon, boolean quotedThroughout) {
        String folded = TextNormalizer.fold(line);
        List<String> tokens = Lexicon.tokens(folded);
        if (tokens.isEmpty()) {
            return new LineAnalysis(folded, 0, 0, 0, 0, 0);
        }
        boolean[] quoted = quotedThroughout ? null : quotedTokens(folded, tokens.size());
        int n = tokens.size();
        SpamTier[] tiers = new SpamTier[n];
        String[] canonical = new String[n];
        boolean decompose = n <= 20;
        for (int i = 0; i < n; i++) {
            Lexicon.Reading reading = lexicon.read(tokens.get(i), decompose || hasDigit(tokens.get(i)));
            canonical[i] = reading.canonical();
            tiers[i] = reading.tier();
        }
        for (int len = Math.min(lexicon.longestPhrase(), n); len >= 2; len--) {
            for (int i = 0; i + len <= n; i++) {
                if (!lexicon.startsPhrase(canonical[i])) {
                    continue;
                }
                StringBuilder joined = new StringBuilder(canonical[i]);
                for (int k = i + 1; k < i + len; k++) {
                    joined.append(' ').append(canonical[k]);
                }
                SpamTier tier = lexicon.phraseTier(joined.toString());
                if (tier != null) {
                    for (int k = i; k < i + len; k++) {
                        tiers[k] = SpamTier.stronger(tiers[k], tier);
                    }
                }
            }
        }
        int strong = 0;
        int context = 0;
        int action = 0;
        double weight = 0;
        for (int i = 0; i < n; i++) {
            if (tiers[i] == null || quotedThroughout || quoted[i]) {
                continue;
            }
            weight += tiers[i].weight();
            switch (tiers[i]) {
                case STRONG -> strong++;
                case CONTEXT -> context++;
                case ACTION -> action++;
            }
        }
        return new LineAnalysis(folded, n, strong, context, action, weight / n);
    }

    private static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Which tokens sit between quotation marks; an unclosed quotation covers nothing. */
    private static boolean[] quotedTokens(String folded, int tokenCount) {
        boolean[] quoted = new boolean[tokenCount];
        int token = -1;
        boolean inToken = false;
        boolean open = false;
        int openedAt = -1;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            boolean word = Lexicon.isTokenChar(c);
            if (word && !inToken) {
                token++;
                quoted[token] = open;
            }
            inToken = word;
            if (c == '“' || c == '«' || c == '„' || (c == '"' && !open)) {
                open = true;
                openedAt = token + 1;
            } else if (c == '”' || c == '»' || (c == '"')) {
                open = false;
            }
        }
        if (open) {
            for (int t = Math.max(openedAt, 0); t < tokenCount; t++) {
                quoted[t] = false;
            }
        }
        return quoted;
    }
}
