package io.newsflow.enrich.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.common.ops.Health;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.rules.InvalidRulesException;
import io.newsflow.enrich.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleaner with the rules in force, swapped whole when a user rule or lexicon file changes: the files are read
 * every {@code enrich.rulesCheckInterval}; a changed file is loaded and validated into a new {@link RuleSet} and a
 * cleaner built on it, then both replace the old pair in one reference write. Every article is cleaned by the pair
 * it read at its start, so no article sees half of one set and half of another. A changed file that fails
 * validation is logged with every problem and shown on health; the previous rules stay in force.
 */
public final class ReloadingCleaner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadingCleaner.class);

    /** The rule set in force and the cleaner built on it, read together. */
    public record Active(RuleSet rules, ArticleCleaner cleaner) {
        public Active {
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(cleaner, "cleaner");
        }
    }

    private final RuleSet.UserFiles files;
    private final Function<RuleSet, ArticleCleaner> build;
    private final MeterRegistry meters;
    private final AtomicReference<Active> active;
    private volatile List<String> rejected = List.of();
    private List<String> lastSeen;
    private ScheduledExecutorService watcher;

    ReloadingCleaner(RuleSet initial, Function<RuleSet, ArticleCleaner> build, MeterRegistry meters) {
        this.files = initial.files();
        this.build = build;
        this.meters = meters;
        this.active = new AtomicReference<>(new Active(initial, build.apply(initial)));
        this.lastSeen = contentOf(files);
        meters.gauge("newsflow.enrich.rules.rejected", this, c -> c.rejected.isEmpty() ? 0 : 1);
    }

    /**
     * Loads the rules, builds the cleaner and, when there are user files and {@code interval} is positive, starts
     * watching them.
     *
     * @throws InvalidRulesException when the files are invalid at start: enrich does not start on them
     */
    public static ReloadingCleaner start(RuleSet.UserFiles files, Function<RuleSet, ArticleCleaner> build,
            Duration interval, MeterRegistry meters) {
        ReloadingCleaner cleaner = new ReloadingCleaner(RuleSet.load(files), build, meters);
        log.info("enrich {} in force", cleaner.active().rules());
        boolean anyFile = !files.rules().isEmpty() || !files.lexicons().isEmpty();
        if (anyFile && interval.isPositive()) {
            cleaner.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "enrich-rules-watch");
                t.setDaemon(true);
                return t;
            });
            cleaner.watcher.scheduleWithFixedDelay(cleaner::checkQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return cleaner;
    }

    /** Cleans one article with the rule set in force when it starts. */
    public CleanResult clean(ArticleInput input) {
        return active.get().cleaner().clean(input);
    }

    /** The rule set in force and its cleaner, as one snapshot. */
    public Active active() {
        return active.get();
    }

    /** The fingerprint of the rules in force ({@link RuleSet#fingerprint()}). */
    public String fingerprint() {
        return active.get().rules().fingerprint();
    }

    /** The problems of the last changed file that was refused, empty when the files in force are the latest. */
    public List<String> rejected() {
        return rejected;
    }

    /** UP with the fingerprint in force; DEGRADED while a changed file is refused (the older rules still apply). */
    public Health health() {
        String inForce = "rules " + fingerprint() + " in force";
        List<String> problems = rejected;
        return problems.isEmpty() ? Health.up(inForce)
                : Health.degraded(inForce + "; changed rule files refused: " + String.join("; ", problems));
    }

    /**
     * Reads the user files and, when their content changed since the last check, loads them; returns whether the
     * rules in force changed. A comment- or whitespace-only change loads but keeps the rule set (same fingerprint).
     */
    synchronized boolean check() {
        List<String> now = contentOf(files);
        if (now.equals(lastSeen)) {
            return false;
        }
        lastSeen = now;
        RuleSet next;
        try {
            next = RuleSet.load(files);
        } catch (InvalidRulesException e) {
            rejected = e.problems();
            meters.counter("newsflow.enrich.rules.reloads", "outcome", "rejected").increment();
            log.warn("changed rule files refused, rules {} stay in force:\n  {}", fingerprint(),
                    String.join("\n  ", e.problems()));
            return false;
        }
        rejected = List.of();
        Active old = active.get();
        if (next.fingerprint().equals(old.rules().fingerprint())) {
            log.info("rule files changed but not the rules: {} stays in force", next.fingerprint());
            return false;
        }
        active.set(new Active(next, build.apply(next)));
        meters.counter("newsflow.enrich.rules.reloads", "outcome", "applied").increment();
        log.info("rules changed: {} -> {}", old.rules().fingerprint(), next.fingerprint());
        return true;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("checking the rule files failed; the rules in force stay", e);
        }
    }

    /** The raw bytes of every file (small files), so that an unchanged file costs a read and no parse. */
    private static List<String> contentOf(RuleSet.UserFiles files) {
        List<Path> all = new ArrayList<>(files.rules());
        all.addAll(files.lexicons());
        List<String> content = new ArrayList<>();
        for (Path p : all) {
            try {
                content.add(Files.readString(p));
            } catch (NoSuchFileException e) {
                content.add("\0missing");
            } catch (IOException e) {
                content.add("\0unreadable " + e);
            }
        }
        return content;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
