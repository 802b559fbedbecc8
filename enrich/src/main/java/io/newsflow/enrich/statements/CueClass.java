package io.newsflow.enrich.statements;

/** Families of cues that rules and continuation treat alike. */
enum CueClass {
    /** Plain reporting verbs (said, mengatakan). */
    SAY,
    /** "added", "menambahkan": always starts a new statement. */
    ADD,
    /** "insisted", "bersikukuh": an act rule may turn them into REJECT. */
    INSIST,
    /** "noted", "called", "mencatat": only count with a named speaker or a direct quotation. */
    WEAK,
    /** "told": takes an addressee, which may be an outlet. */
    TELL
}
