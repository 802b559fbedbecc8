package io.newsflow.enrich.statements;

/**
 * A cue attributed to a speaker phrase ({@code mention}), or to the speaker of its clause for ELIDED and PARTICIPLE.
 *
 * @param embedded the speaker phrase sits inside what another cue reports ("Sherman said Russia offered ...")
 * @param role a role found around the phrase (apposition, title words), overriding the phrase's own
 * @param clauseStart first token of the clause the statement's text starts at
 */
record Claim(BlockAnalysis.CueHit hit, Mode mode, Mention mention, boolean embedded, String role, int clauseStart) {
    /** How the speaker was found; it sets the base confidence. */
    enum Mode { SUBJECT, INVERTED, NYA, PREP, AGENT, REPORTIVE, ELIDED, PARTICIPLE, COLON }
}
