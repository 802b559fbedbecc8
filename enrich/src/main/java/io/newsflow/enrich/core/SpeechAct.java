package io.newsflow.enrich.core;

/** What a speaker does with a statement; mirrors the contract's SpeechAct. */
public enum SpeechAct {
    ASSERT,
    ASSURE,
    THREATEN,
    OFFER,
    DEMAND,
    WARN,
    CONDEMN,
    DENY,
    REJECT,
    REPORT
}
