package io.newsflow.enrich.statements;

import java.util.List;
import java.util.Set;

/** Known places, organisations and outlets, matched as word sequences with their capitalisation checked. */
final class NameGazetteer {
    enum Kind { PLACE, ORGANISATION, AGENCY }

    /** @param canonical the name to report (an agency's short name for any of its aliases) */
    record Entry(Kind kind, String canonical, List<String> written) {}

    private final PhraseTrie<Entry> trie;
    private final Set<String> mediaWords;
    private final Set<String> femaleNames;
    private final Set<String> maleNames;

    NameGazetteer(PhraseTrie<Entry> trie, Set<String> mediaWords, Set<String> femaleNames, Set<String> maleNames) {
        this.trie = trie;
        this.mediaWords = mediaWords;
        this.femaleNames = femaleNames;
        this.maleNames = maleNames;
    }

    /**
     * The longest known name at {@code from}. Acronyms written in capitals ("AS", "US") match only in capitals, so
     * "us" and "as" stay ordinary words; other names need a capital first letter.
     */
    PhraseTrie.Match<Entry> match(List<Token> tokens, int from, int limit, PhraseTrie.TokenFilter usable) {
        PhraseTrie.Match<Entry> m = trie.longest(tokens, from, limit, usable);
        if (m == null) {
            return null;
        }
        for (int i = m.start(); i < m.end(); i++) {
            Token t = tokens.get(i);
            String written = m.value().written().get(i - m.start());
            if (isAcronym(written) ? !t.text.equals(written) : i == m.start() && !t.cap) {
                return null;
            }
        }
        return m;
    }

    private static boolean isAcronym(String written) {
        int letters = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters > 1;
    }

    boolean isMediaWord(String key) {
        return mediaWords.contains(key);
    }

    /** 'f', 'm' or 0 for a first name. */
    char genderOf(String firstNameKey) {
        if (femaleNames.contains(firstNameKey)) {
            return 'f';
        }
        return maleNames.contains(firstNameKey) ? 'm' : 0;
    }
}
