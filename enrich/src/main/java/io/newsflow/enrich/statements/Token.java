package io.newsflow.enrich.statements;

/** A word, number, punctuation mark or quotation mark of a block, with its offsets in the block text. */
final class Token {
    static final byte WORD = 0;
    static final byte NUMBER = 1;
    static final byte PUNCT = 2;
    static final byte QUOTE_OPEN = 3;
    static final byte QUOTE_CLOSE = 4;

    final int start;
    final int end;
    final String text;
    /** Lower-case form used for every lexicon lookup; an English possessive "'s" is cut off. */
    final String key;
    final byte kind;
    final boolean cap;
    final boolean allCaps;
    final boolean possessive;
    /** Index of the quotation this token lies in (its marks included), or -1. */
    int quote = -1;

    Token(int start, int end, String text, String key, byte kind, boolean cap, boolean allCaps, boolean possessive) {
        this.start = start;
        this.end = end;
        this.text = text;
        this.key = key;
        this.kind = kind;
        this.cap = cap;
        this.allCaps = allCaps;
        this.possessive = possessive;
    }

    boolean isWord() {
        return kind == WORD;
    }

    boolean is(String k) {
        return key.equals(k);
    }

    boolean inQuote() {
        return quote >= 0;
    }

    boolean isQuoteMark() {
        return kind == QUOTE_OPEN || kind == QUOTE_CLOSE;
    }

    @Override
    public String toString() {
        return text;
    }
}
