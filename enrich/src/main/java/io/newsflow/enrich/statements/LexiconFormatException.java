package io.newsflow.enrich.statements;

/** A lexicon file that cannot be used, with the file and line at fault. */
public final class LexiconFormatException extends IllegalArgumentException {
    private final String source;
    private final int line;

    LexiconFormatException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    /** The file (or resource) name. */
    public String source() {
        return source;
    }

    /** 1-based line, 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }
}
