package io.newsflow.enrich.statements;

import java.nio.file.Path;

/** TEMPORARY STAND-IN for the tagger branch's cue lexicons (same factory methods); deleted when that branch lands. */
public final class Lexicons {
    private Lexicons() {}

    public static Lexicons defaults() {
        return new Lexicons();
    }

    public static Lexicons defaultsWith(Path... userFiles) {
        return new Lexicons();
    }
}
