package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.SpeechAct;
import java.util.Set;

/**
 * One surface word or phrase of a cue lexicon.
 *
 * @param act null for a blocker (a phrase that looks like a cue but reports nothing, e.g. "declined to comment")
 * @param root the root it was generated from, or the phrase itself
 * @param reportive for Indonesian "X dikatakan ...": the subject before the passive is the speaker when a clause follows
 * @param origin file and line that defined it, for error messages and docs
 */
record Cue(String surface, SpeechAct act, CueClass cueClass, Set<FormType> forms, boolean reportive, String root,
           String origin) {
    boolean blocker() {
        return act == null;
    }
}
