package io.newsflow.ingest.publish;

/**
 * A map from 128-bit keys to 64-bit values in three primitive arrays (open addressing, linear probing): 24 bytes
 * an entry at full load, against ~150 for a {@code HashMap<String, String>}, so a ledger of ten million articles
 * fits in about 400 MB of heap. Keys and values are prefixes of SHA-256 hashes, so collisions are negligible.
 * Synchronized: calls are short and never do I/O.
 */
final class CompactHashMap {
    private static final long EMPTY = 0;

    private long[] high;
    private long[] low;
    private long[] values;
    private int size;

    CompactHashMap() {
        allocate(1024);
    }

    /** The value stored for the key, or {@code absent}. */
    synchronized long get(long keyHigh, long keyLow, long absent) {
        int slot = find(keyHigh, nonZero(keyHigh, keyLow));
        return isFree(slot) ? absent : values[slot];
    }

    synchronized void put(long keyHigh, long keyLow, long value) {
        keyLow = nonZero(keyHigh, keyLow);
        int slot = find(keyHigh, keyLow);
        if (isFree(slot)) {
            high[slot] = keyHigh;
            low[slot] = keyLow;
            size++;
        }
        values[slot] = value;
        if (size * 10L > high.length * 7L) {
            grow();
        }
    }

    /** Removes the key; the entries after it in its run move back, so that every key stays reachable. */
    synchronized void remove(long keyHigh, long keyLow) {
        int hole = find(keyHigh, nonZero(keyHigh, keyLow));
        if (isFree(hole)) {
            return;
        }
        int mask = high.length - 1;
        int next = (hole + 1) & mask;
        while (!isFree(next)) {
            int home = home(low[next], mask);
            // an entry moves into the hole unless its home lies after the hole, up to where it sits (cyclically)
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                high[hole] = high[next];
                low[hole] = low[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        high[hole] = EMPTY;
        low[hole] = EMPTY;
        values[hole] = EMPTY;
        size--;
    }

    synchronized int size() {
        return size;
    }

    /** The all-zero key marks a free slot; its neighbour key 0/1 stands in for it. */
    private static long nonZero(long keyHigh, long keyLow) {
        return (keyHigh | keyLow) == EMPTY ? 1 : keyLow;
    }

    private int find(long keyHigh, long keyLow) {
        int mask = high.length - 1;
        int slot = home(keyLow, mask);
        while (!isFree(slot) && (high[slot] != keyHigh || low[slot] != keyLow)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int home(long keyLow, int mask) {
        return (int) (keyLow ^ (keyLow >>> 32)) & mask;
    }

    private boolean isFree(int slot) {
        return high[slot] == EMPTY && low[slot] == EMPTY;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        long[] oldValues = values;
        allocate(oldHigh.length * 2);
        for (int i = 0; i < oldHigh.length; i++) {
            if ((oldHigh[i] | oldLow[i]) != EMPTY) {
                int slot = find(oldHigh[i], oldLow[i]);
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private void allocate(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        values = new long[capacity];
    }
}
