package io.newsflow.enrich.core.spam;

/** How much a term says "spam": its weight in a line's spam density. */
public enum SpamTier {
    /** Words only gambling/SEO spam uses. */
    STRONG(1.0),
    /** Gambling vocabulary that news about gambling uses too. */
    CONTEXT(0.6),
    /** Call-to-action words spam wraps around the rest. */
    ACTION(0.35);

    private final double weight;

    SpamTier(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    static SpamTier stronger(SpamTier a, SpamTier b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
