package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the feed list current while the service runs: a {@link WatchService} signals file changes (debounced, so
 * an editor's burst of writes is one reload), and a periodic rescan catches what it misses (network file systems,
 * a folder created after start). Each new {@link FeedSet} whose feeds differ goes to the listener; problems are
 * logged once each, when they appear.
 */
public final class FeedReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedReloader.class);

    private final FeedCatalog catalog;
    private final Duration debounce;
    private final Duration rescan;
    private final Consumer<FeedSet> listener;
    private final WatchService watcher;
    private final Set<Path> registered = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile FeedSet current;
    private Set<ConfigProblem> reported = Set.of();

    /**
     * @param first the feed set the service started with (already logged and applied)
     */
    public FeedReloader(FeedCatalog catalog, IngestSettings settings, FeedSet first, Consumer<FeedSet> listener)
            throws IOException {
        this.catalog = catalog;
        this.debounce = settings.reloadDebounce();
        this.rescan = settings.rescanInterval();
        this.listener = listener;
        this.current = first;
        this.reported = new HashSet<>(first.problems());
        this.reported.addAll(first.warnings());
        this.watcher = FileSystems.getDefault().newWatchService();
        registerDirectories();
        this.thread = Thread.ofVirtual().name("feed-reloader").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                WatchKey key = watcher.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    drain(key);
                    awaitQuiet();
                }
                reload();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                // A reload must never end the reloader: the next change or rescan tries again.
                log.error("reloading the feed list failed; keeping the current {} feeds", current.feeds().size(), e);
            }
        }
    }

    /** Waits until no change was signalled for the debounce time. */
    private void awaitQuiet() throws InterruptedException {
        WatchKey next;
        while ((next = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            drain(next);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Reads the sources now; called by the loop, and by tests that do not want to wait for a rescan. */
    synchronized void reload() {
        registerDirectories();
        FeedSet next = catalog.load();
        logNewProblems(next);
        if (!Objects.equals(next.feeds(), current.feeds())) {
            log.info("feed list changed: {} feeds (was {})", next.feeds().size(), current.feeds().size());
            current = next;
            listener.accept(next);
        } else {
            current = next;
        }
    }

    private void logNewProblems(FeedSet next) {
        Set<ConfigProblem> now = new HashSet<>(next.problems());
        now.addAll(next.warnings());
        for (ConfigProblem problem : next.problems()) {
            if (!reported.contains(problem)) {
                log.warn("feed source problem: {}", problem);
            }
        }
        for (ConfigProblem warning : next.warnings()) {
            if (!reported.contains(warning)) {
                log.warn("feed source warning: {}", warning);
            }
        }
        reported = now;
    }

    private void registerDirectories() {
        for (Path dir : catalog.watchedDirectories()) {
            if (!registered.contains(dir) && Files.isDirectory(dir)) {
                try {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                    registered.add(dir);
                } catch (IOException e) {
                    log.warn("cannot watch {} ({}); changes there are seen by the rescan every {}", dir, e, rescan);
                }
            }
        }
    }

    public List<FeedSpec> currentFeeds() {
        return current.feeds();
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the watch service", e);
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
