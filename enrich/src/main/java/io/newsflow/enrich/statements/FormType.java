package io.newsflow.enrich.statements;

/** Where a cue word sits relative to its speaker. */
enum FormType {
    /** Finite verb, speaker before it ("Sherman mengatakan", "Grushko said"); after a quotation also inverted. */
    ACTIVE,
    /** Passive verb, speaker is the agent after it ("dibantah oleh Kremlin", "was rejected by Moscow"). */
    PASSIVE,
    /** Bare root after a quotation or comma, speaker after it ("“...,” kata Grushko"). */
    ROOT,
    /** Root + -nya after a quotation or comma, the speaker is "he/she" ("“...,” katanya"). */
    NYA,
    /** Preposition, speaker after it ("menurut Sherman", "according to the ministry"). */
    PREP,
    /** Attached to the clause before it (", saying ...", "dengan mengatakan ..."): same speaker. */
    PARTICIPLE
}
