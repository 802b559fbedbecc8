package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.SpeechAct;
import java.util.Set;

/**
 * Turns the act of a cue of the given classes into another act when one of the marker phrases occurs within
 * {@code window} tokens after the cue (quotations included), and one of {@code alsoMarkers} too when given: insisting
 * that something "cannot" happen rejects it; saying "if ... force" threatens.
 */
record ActRule(String id, Set<CueClass> classes, SpeechAct to, int window, PhraseTrie<Boolean> markers,
               PhraseTrie<Boolean> alsoMarkers, String origin) {}
