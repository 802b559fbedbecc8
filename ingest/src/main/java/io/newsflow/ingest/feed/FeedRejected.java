package io.newsflow.ingest.feed;

/** A feed that was refused: unsafe, unreadable or not a feed. The message names the feed and the reason. */
public final class FeedRejected extends Exception {

    /** Why a feed was refused. */
    public enum Reason {
        /** The document declares or references an external entity or external DTD subset (XXE). */
        EXTERNAL_ENTITY,
        /** Entity declarations that expand (nested references, huge values, too many): billion laughs and kin. */
        ENTITY_EXPANSION,
        /** A DOCTYPE reached the XML parser, which refuses them (defence behind the prolog scan). */
        DOCTYPE_REFUSED,
        /** Not well-formed XML or JSON, even after the usual repairs. */
        MALFORMED,
        /** Well-formed, but neither RSS, RDF, Atom nor JSON Feed. */
        NOT_A_FEED,
        /** No bytes at all. */
        EMPTY,
        /** More bytes than the parser accepts. */
        TOO_LARGE
    }

    private final Reason reason;

    public FeedRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FeedRejected(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
