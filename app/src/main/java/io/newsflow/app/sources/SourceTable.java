package io.newsflow.app.sources;

import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SourceState;
import io.newsflow.avro.SpamSample;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latest state of every source, folded from {@code sources.health} events (later events of a source replace
 * earlier ones, as compaction does), and how {@code newsflow sources} and {@code up}'s summary print it: worst
 * state first, then by name.
 */
public final class SourceTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int TEXT = 70;

    private final Map<String, SourceHealth> latest = new LinkedHashMap<>();

    public SourceTable add(SourceHealth event) {
        latest.merge(event.getSource(), event,
                (old, next) -> next.getChangedAt().isBefore(old.getChangedAt()) ? old : next);
        return this;
    }

    public SourceTable addAll(Collection<SourceHealth> events) {
        events.forEach(this::add);
        return this;
    }

    /** Worst state first (COMPROMISED, SUSPECT, RECOVERED, CLEAN), then by source. */
    public List<SourceHealth> sources() {
        List<SourceHealth> sorted = new ArrayList<>(latest.values());
        sorted.sort(Comparator.comparingInt((SourceHealth h) -> severity(h.getState()))
                .thenComparing(SourceHealth::getSource));
        return sorted;
    }

    public boolean isEmpty() {
        return latest.isEmpty();
    }

    static int severity(SourceState state) {
        return switch (state) {
            case COMPROMISED -> 0;
            case SUSPECT -> 1;
            case RECOVERED -> 2;
            case CLEAN -> 3;
        };
    }

    /** One line per source (state, since, why); with {@code evidence}, the first spam URL and sample lines below. */
    public String render(boolean evidence, int samples) {
        StringBuilder out = new StringBuilder();
        List<SourceHealth> sources = sources();
        int width = Math.max(20, sources.stream().mapToInt(s -> s.getSource().length()).max().orElse(0));
        out.append(String.format(Locale.ROOT, "  %-" + width + "s  %-11s  %-17s  %s%n", "source", "state", "since",
                "why"));
        for (SourceHealth source : sources) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  %-11s  %-17s  %s%n", source.getSource(),
                    source.getState(), TIME.format(source.getChangedAt()), source.getReason()));
            if (!evidence || source.getState() == SourceState.CLEAN) {
                continue;
            }
            String indent = " ".repeat(width + 4);
            if (source.getEvidence().getFirstSpamUrl() != null) {
                out.append(indent).append("first spam: ").append(source.getEvidence().getFirstSpamUrl());
                Instant at = source.getEvidence().getFirstSpamAt();
                out.append(at == null ? "" : " (" + TIME.format(at) + ")").append('\n');
            }
            List<SpamSample> lines = source.getEvidence().getSamples();
            for (SpamSample sample : lines.subList(0, Math.min(samples, lines.size()))) {
                out.append(indent).append(sample.getRule()).append(": ").append(shorten(sample.getText()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    static String shorten(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= TEXT ? '"' + flat + '"' : '"' + flat.substring(0, TEXT - 1) + "…\"";
    }
}
