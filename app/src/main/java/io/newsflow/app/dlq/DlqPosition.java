package io.newsflow.app.dlq;

/** Where a dead letter sits on the dead-letter topic: {@code partition:offset}, as users type it and the ledger keys it. */
public record DlqPosition(int partition, long offset) implements Comparable<DlqPosition> {

    public DlqPosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative, got " + partition + ":"
                    + offset);
        }
    }

    /** True when {@code text} looks like {@code partition:offset} (two non-negative integers). */
    public static boolean looksLikePosition(String text) {
        return text != null && text.matches("\\d{1,9}:\\d{1,18}");
    }

    /**
     * Parses {@code partition:offset}, e.g. {@code 2:1043}.
     *
     * @throws IllegalArgumentException saying what form is expected
     */
    public static DlqPosition parse(String text) {
        if (!looksLikePosition(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a position: expected PARTITION:OFFSET, e.g. 2:1043");
        }
        int colon = text.indexOf(':');
        return new DlqPosition(Integer.parseInt(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }

    @Override
    public int compareTo(DlqPosition other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
