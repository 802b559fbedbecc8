package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigProblem;
import io.newsflow.common.config.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the feeds of every source: {@code ingest.feeds} in the config file, the {@code ingest.opml} files and the
 * {@code feedsDir} drop folder ({@code .yml}/{@code .yaml}, {@code .opml}/{@code .xml}, {@code .txt}). Each call
 * to {@link #load()} reads what changed since the last (by size and modification time) and merges all by URL.
 *
 * <p>A file that cannot be read or parsed at all (a half-saved edit) keeps the feeds of its last good read, so
 * that its feeds keep being polled; a file with some bad entries gives its good ones. Either way the problems are
 * reported and other files are untouched. Not thread-safe: one reloader thread calls it.
 */
public final class FeedCatalog {
    static final long MAX_FILE_BYTES = 4L << 20;

    private final IngestSettings settings;
    private final Path configFile;
    private final Map<String, String> env;
    private final Path baseDir;
    private final Map<Path, Read> lastReads = new HashMap<>();

    /** Size, modification time to the nanosecond and inode: an edit that keeps the size is still seen. */
    private record Stamp(long size, long modifiedNanos, Object fileKey) {}

    private record Read(Stamp stamp, SourceFile file, SourceFile lastGood) {}

    /**
     * @param settings the service settings, bound from {@code configFile} at start; its feeds are the config
     *     file's first read (their problems were reported with the rest of the config)
     * @param configFile the main config file, re-read for {@code ingest.feeds} when it changes; null when the
     *     config came from the environment only
     */
    public FeedCatalog(IngestSettings settings, Path configFile, Map<String, String> env) {
        this.settings = settings;
        this.configFile = configFile == null ? null : configFile.toAbsolutePath().normalize();
        this.env = Map.copyOf(env);
        this.baseDir = this.configFile == null ? Path.of("").toAbsolutePath() : this.configFile.getParent();
        if (this.configFile != null) {
            SourceFile first = new SourceFile(display(this.configFile), settings.feeds(), List.of(), false);
            lastReads.put(this.configFile, new Read(stamp(this.configFile), first, first));
        }
    }

    /** The folders a watcher should watch: the config file's, the OPML files', the drop folder. */
    public Set<Path> watchedDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        if (configFile != null) {
            dirs.add(configFile.getParent());
        }
        settings.opmlFiles().forEach(file -> dirs.add(file.toAbsolutePath().getParent()));
        if (settings.feedsDir() != null) {
            dirs.add(settings.feedsDir().toAbsolutePath());
        }
        return dirs;
    }

    public FeedSet load() {
        List<SourceFile> files = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        Set<Path> present = new LinkedHashSet<>();
        if (configFile != null) {
            files.add(readTracked(configFile, this::readConfigFile, warnings));
            present.add(configFile);
        }
        for (Path opml : settings.opmlFiles()) {
            Path file = opml.toAbsolutePath().normalize();
            files.add(readTracked(file, this::readDropFile, warnings));
            present.add(file);
        }
        for (Path file : dropFiles(warnings)) {
            files.add(readTracked(file, this::readDropFile, warnings));
            present.add(file);
        }
        lastReads.keySet().retainAll(present);
        return merge(files, warnings);
    }

    private FeedSet merge(List<SourceFile> files, List<ConfigProblem> warnings) {
        Map<String, FeedSpec> byIdentity = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (SourceFile file : files) {
            problems.addAll(file.problems());
            for (FeedSpec feed : file.feeds()) {
                FeedSpec first = byIdentity.putIfAbsent(feed.identity(), feed);
                if (first != null) {
                    warnings.add(new ConfigProblem(feed.origin(), "",
                            feed.url() + " is already declared at " + first.origin() + "; this entry is ignored"));
                }
            }
        }
        return new FeedSet(List.copyOf(byIdentity.values()), problems, warnings);
    }

    private interface FileParser {
        SourceFile parse(Path file, String name) throws IOException;
    }

    private SourceFile readTracked(Path file, FileParser parser, List<ConfigProblem> warnings) {
        String name = display(file);
        Stamp stamp = stamp(file);
        Read previous = lastReads.get(file);
        SourceFile result;
        if (previous != null && stamp != null && stamp.equals(previous.stamp())) {
            result = previous.file();
        } else if (stamp == null) {
            result = SourceFile.unreadable(name, name, "the file does not exist or cannot be read");
        } else if (stamp.size() > MAX_FILE_BYTES) {
            result = SourceFile.unreadable(name, name, "the file is larger than " + (MAX_FILE_BYTES >> 20) + " MB");
        } else {
            try {
                result = parser.parse(file, name);
            } catch (NoSuchFileException e) {
                result = SourceFile.unreadable(name, name, "the file does not exist");
            } catch (IOException e) {
                result = SourceFile.unreadable(name, name, "cannot read the file (" + e.getMessage() + ")");
            }
        }
        SourceFile lastGood = result.unreadable() ? (previous == null ? null : previous.lastGood()) : result;
        lastReads.put(file, new Read(stamp, result, lastGood));
        if (result.unreadable() && lastGood != null && !lastGood.feeds().isEmpty()) {
            warnings.add(new ConfigProblem(name, "", "keeping the " + lastGood.feeds().size()
                    + " feeds of its last good read until it can be read again"));
            return new SourceFile(name, lastGood.feeds(), result.problems(), true);
        }
        return result;
    }

    private SourceFile readConfigFile(Path file, String name) {
        ConfigSource source = ConfigSource.load(file, env);
        boolean parsed = source.problems().stream().noneMatch(p -> p.setting().isEmpty());
        List<FeedSpec> feeds = IngestSettings.from(source.root(), baseDir).feeds();
        // Only the feed list is taken from a changed file; other settings apply at the next start.
        List<ConfigProblem> feedProblems = source.problems().stream()
                .filter(p -> p.setting().isEmpty() || p.setting().startsWith("ingest.feeds"))
                .toList();
        return new SourceFile(name, feeds, feedProblems, !parsed);
    }

    private SourceFile readDropFile(Path file, String name) throws IOException {
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (fileName.endsWith(".opml") || fileName.endsWith(".xml")) {
            return OpmlReader.read(name, Files.readAllBytes(file), settings.fetch().allowFileScheme());
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (fileName.endsWith(".yml") || fileName.endsWith(".yaml")) {
            return FeedFileReader.read(name, text, settings.fetch().allowFileScheme());
        }
        return UrlListReader.read(name, text, settings.fetch().allowFileScheme());
    }

    private List<Path> dropFiles(List<ConfigProblem> warnings) {
        Path dir = settings.feedsDir();
        if (dir == null) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            warnings.add(new ConfigProblem(display(dir), "ingest.feedsDir",
                    "the drop folder does not exist (yet); files put there later are picked up"));
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(".") || fileName.endsWith("~") || !Files.isRegularFile(file)) {
                    continue; // editors' backups and swap files, sub-folders
                }
                if (isFeedFile(fileName)) {
                    files.add(file.toAbsolutePath().normalize());
                } else {
                    warnings.add(new ConfigProblem(display(file), "",
                            "ignored: a feed file ends in .yml, .yaml, .opml, .xml or .txt"));
                }
            }
        } catch (IOException e) {
            warnings.add(new ConfigProblem(display(dir), "ingest.feedsDir", "cannot list the folder (" + e + ")"));
        }
        return files;
    }

    static boolean isFeedFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return Stream.of(".yml", ".yaml", ".opml", ".xml", ".txt").anyMatch(lower::endsWith);
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(baseDir) ? baseDir.relativize(absolute).toString() : absolute.toString();
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(),
                    attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), attributes.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
