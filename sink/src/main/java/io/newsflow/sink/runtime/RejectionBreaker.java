package io.newsflow.sink.runtime;

import io.newsflow.avro.DeadLetter;
import io.newsflow.schemas.Backoff;
import io.newsflow.sink.offsets.OffsetLedger.Ticket;
import io.newsflow.sink.write.PendingRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells "this record is bad" from "every record fails the same way". A record the classifier calls faulty for
 * itself (a rejected document, undecodable bytes) is a suspect: it is dead-lettered once a neighbour succeeds (the
 * index takes other documents, so the fault is the record's), or once it waited {@code verdictTimeout} with fewer
 * than {@code threshold} like it. When {@code threshold} distinct records in a row (no success between them) fail
 * with the same rejection (same stage, error type and normalised reason), the breaker opens: that is an
 * environment fault. Every suspect and every later rejected record is held, not dead-lettered; one held record at a
 * time is sent again as a probe, with backoff; the first success closes the breaker and every held record is sent
 * again.
 *
 * <p>Plain Java with injected time; the poll thread owns it.
 */
final class RejectionBreaker {

    private static final Logger log = LoggerFactory.getLogger(RejectionBreaker.class);
    private static final Pattern VALUE_PREVIEW = Pattern.compile("(?s)\\.?\\s*Preview of field's value:.*$");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** A rejected record waiting for its verdict, with the dead letter it becomes if it is its own fault. */
    record Suspect(PendingRecord record, DeadLetter letter, Instant since) {}

    /** What the poll loop must do now: publish these dead letters, send these records again. */
    record Verdicts(List<Suspect> deadLetter, List<PendingRecord> resend) {
        static final Verdicts NONE = new Verdicts(List.of(), List.of());

        boolean isEmpty() {
            return deadLetter.isEmpty() && resend.isEmpty();
        }
    }

    /** Whether the rejected record is a suspect, or held because the breaker is (or just got) open. */
    enum Held { SUSPECT, OPENED, HELD_WHILE_OPEN }

    private final int threshold;
    private final Duration verdictTimeout;
    private final Backoff backoff;
    private final InstantSource clock;

    private final Map<String, Set<Ticket<TopicPartition>>> streaks = new HashMap<>();
    private final LinkedHashMap<Ticket<TopicPartition>, Suspect> suspects = new LinkedHashMap<>();
    private final LinkedHashMap<Ticket<TopicPartition>, PendingRecord> held = new LinkedHashMap<>();
    private String openSignature;
    private String openDescription;
    private PendingRecord probe;
    private Instant nextProbe;
    private int failedProbes;

    RejectionBreaker(int threshold, Duration verdictTimeout, Backoff backoff, InstantSource clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
        this.verdictTimeout = verdictTimeout;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * The record failed for a reason of its own, as far as the classifier can tell.
     *
     * @param stage {@code index} or {@code decode}
     * @param errorType Elasticsearch's error type or the exception's class
     * @param reason the message; normalised for the signature
     * @param letter the dead letter it becomes if the verdict is "its own fault"
     */
    Held rejected(PendingRecord record, String stage, String errorType, String reason, DeadLetter letter) {
        Instant now = clock.instant();
        if (isOpen()) {
            held.put(record.ticket(), record);
            if (record == probe) {
                probe = null;
                failedProbes++;
                nextProbe = now.plus(backoff.delay(failedProbes + 1));
                log.info("Circuit breaker probe {} rejected again ({}); next probe in {} ms", record, errorType,
                        Duration.between(now, nextProbe).toMillis());
            }
            return Held.HELD_WHILE_OPEN;
        }
        String signature = signature(stage, errorType, reason);
        suspects.put(record.ticket(), new Suspect(record, letter, now));
        Set<Ticket<TopicPartition>> streak = streaks.computeIfAbsent(signature, s -> new HashSet<>());
        streak.add(record.ticket());
        if (streak.size() < threshold) {
            return Held.SUSPECT;
        }
        openSignature = signature;
        openDescription = errorType + " [" + normalise(reason) + "]";
        suspects.values().forEach(s -> held.put(s.record().ticket(), s.record()));
        suspects.clear();
        streaks.clear();
        failedProbes = 0;
        nextProbe = now.plus(backoff.delay(1));
        log.error("Circuit breaker open: {} distinct records in a row were refused with {} ({}): {}. Holding {}"
                + " records (none is dead-lettered), every partition paused; probing with one record, with backoff,"
                + " until one succeeds", threshold, openDescription, stage, remedy(stage, errorType), held.size());
        return Held.OPENED;
    }

    /** A record succeeded (indexed, deleted, or already newer): the environment takes documents. */
    Verdicts succeeded(PendingRecord record) {
        if (isOpen()) {
            log.info("Circuit breaker closed: {} succeeded after {} failed probes; sending the {} held records"
                    + " again", record, failedProbes, held.size());
            held.remove(record.ticket());
            List<PendingRecord> resend = new ArrayList<>(held.values());
            held.clear();
            openSignature = null;
            openDescription = null;
            probe = null;
            return new Verdicts(List.of(), resend);
        }
        streaks.clear();
        if (suspects.isEmpty()) {
            return Verdicts.NONE;
        }
        List<Suspect> guilty = new ArrayList<>(suspects.values());
        suspects.clear();
        return new Verdicts(guilty, List.of());
    }

    /** What is due now: suspects whose verdict timed out (closed), or the next probe (open). */
    Verdicts due() {
        Instant now = clock.instant();
        if (isOpen()) {
            if (probe != null || held.isEmpty() || now.isBefore(nextProbe)) {
                return Verdicts.NONE;
            }
            Iterator<PendingRecord> first = held.values().iterator();
            probe = first.next();
            first.remove();
            return new Verdicts(List.of(), List.of(probe));
        }
        List<Suspect> timedOut = new ArrayList<>();
        for (Iterator<Suspect> it = suspects.values().iterator(); it.hasNext(); ) {
            Suspect suspect = it.next();
            if (!suspect.since().plus(verdictTimeout).isAfter(now)) {
                timedOut.add(suspect);
                it.remove();
            }
        }
        return timedOut.isEmpty() ? Verdicts.NONE : new Verdicts(timedOut, List.of());
    }

    /** When {@link #due()} next has something, if ever. */
    Optional<Instant> nextDue() {
        if (isOpen()) {
            return probe == null && !held.isEmpty() ? Optional.of(nextProbe) : Optional.empty();
        }
        return suspects.values().stream().findFirst().map(s -> s.since().plus(verdictTimeout));
    }

    /** Drops what it holds of the partitions (revoked or lost); returns how many records it dropped. */
    int forget(Collection<TopicPartition> partitions) {
        int dropped = 0;
        for (Iterator<Ticket<TopicPartition>> it = suspects.keySet().iterator(); it.hasNext(); ) {
            if (partitions.contains(it.next().partition())) {
                it.remove();
                dropped++;
            }
        }
        for (Iterator<Ticket<TopicPartition>> it = held.keySet().iterator(); it.hasNext(); ) {
            if (partitions.contains(it.next().partition())) {
                it.remove();
                dropped++;
            }
        }
        if (probe != null && partitions.contains(probe.partition())) {
            probe = null; // in flight: its result is released by the loop, not counted here
        }
        streaks.values().forEach(streak -> streak.removeIf(t -> partitions.contains(t.partition())));
        return dropped;
    }

    boolean isOpen() {
        return openSignature != null;
    }

    /** The open breaker's rejection ({@code type [normalised reason]}), or null when closed. */
    String openDescription() {
        return openDescription;
    }

    /** Records held: suspects, and records held by the open breaker (not counting a probe in flight). */
    int holding() {
        return suspects.size() + held.size();
    }

    /** The same rejection, whatever record it is about: stage, type, and the reason without values or numbers. */
    static String signature(String stage, String errorType, String reason) {
        return stage + "|" + errorType + "|" + normalise(reason);
    }

    static String normalise(String reason) {
        String text = reason == null ? "" : VALUE_PREVIEW.matcher(reason).replaceAll("");
        text = QUOTED.matcher(text).replaceAll("'…'");
        return NUMBER.matcher(text).replaceAll("#").strip();
    }

    private static String remedy(String stage, String errorType) {
        if ("decode".equals(stage)) {
            return "no record can be decoded: does the Schema Registry still hold the writer schemas (a registry"
                    + " restarted without persistent storage forgets them), and does enrich write the contract?";
        }
        return switch (errorType) {
            case "strict_dynamic_mapping_exception", "mapper_parsing_exception", "document_parsing_exception" ->
                "every document is rejected the same way: the index mapping is behind the template (restart the"
                        + " sink to upgrade the mapping) or the template does not match what enrich writes";
            default -> "every document is rejected the same way: fix the index or the documents; the sink resumes"
                    + " by itself once one is accepted";
        };
    }
}
