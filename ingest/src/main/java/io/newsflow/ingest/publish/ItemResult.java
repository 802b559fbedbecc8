package io.newsflow.ingest.publish;

/** What happened to one feed item in a poll. */
public enum ItemResult {
    /** Published for the first time. */
    NEW,
    /** Published again: its content hash changed. */
    CHANGED,
    /** Seen before with the same fingerprint, or its content hash was already published. */
    UNCHANGED,
    /** Nothing publishable (no link and no content, or no page and no content). */
    REFUSED,
    /** The send failed; the item is tried again at the next poll. */
    FAILED
}
