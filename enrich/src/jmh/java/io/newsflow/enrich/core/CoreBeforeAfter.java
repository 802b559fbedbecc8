package io.newsflow.enrich.core;

import io.newsflow.stack.junit.SharedFolder;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;

/**
 * Two builds of the whole enrich core side by side in one JVM, each in a class loader of its own over the same
 * dependencies, with jsoup's parse + text as the yardstick: rounds interleave jsoup, A and B, and each is timed in
 * CPU time of the whole process (lingua fans language detection out over the common pool), so the ratios hold on a
 * shared, busy machine where wall-clock JMH swings by several times. It also tells on how many pages the two builds
 * give the same result, so a change meant only for speed shows that it changed no output.
 *
 * <p>Run with the dependencies on the class path but not enrich's own classes, and the two builds' class folders as
 * arguments: {@code java -cp <deps> io.newsflow.enrich.core.CoreBeforeAfter A-classes B-classes [rounds [warm-ups]]}.
 */
public final class CoreBeforeAfter {
    private CoreBeforeAfter() {}

    /** One build's {@code ArticleCleaner.clean(ArticleInput)}, called by reflection. */
    private record Core(Object cleaner, Method clean, Method input) {
        static Core load(Path classes) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    CoreBeforeAfter.class.getClassLoader());
            Class<?> rules = loader.loadClass("io.newsflow.enrich.core.spam.SpamRules");
            Class<?> languages = loader.loadClass("io.newsflow.enrich.core.lang.LanguageGuesser");
            Class<?> tagger = loader.loadClass("io.newsflow.enrich.statements.StatementTagger");
            Class<?> cleanerClass = loader.loadClass("io.newsflow.enrich.pipeline.ArticleCleaner");
            Class<?> inputClass = loader.loadClass("io.newsflow.enrich.core.ArticleInput");
            Constructor<?> constructor = cleanerClass.getConstructor(rules, languages, tagger, int.class);
            Object cleaner = constructor.newInstance(rules.getMethod("defaults").invoke(null),
                    languages.getMethod("defaults").invoke(null), tagger.getMethod("withDefaults").invoke(null), 25);
            return new Core(cleaner, cleanerClass.getMethod("clean", inputClass),
                    inputClass.getMethod("ofBytes", String.class, String.class, byte[].class, Instant.class));
        }

        void pass(List<byte[]> pages) throws Exception {
            for (int i = 0; i < pages.size(); i++) {
                cleanPage(pages, i);
            }
        }

        Object cleanPage(List<byte[]> pages, int i) throws Exception {
            return clean.invoke(cleaner, input.invoke(null, "page-" + i, "text/html", pages.get(i), Instant.EPOCH));
        }
    }

    /** How many pages both builds clean to the same result (records compared by their text, every field in it). */
    private static int samePages(Core a, Core b, List<byte[]> pages) throws Exception {
        int same = 0;
        for (int i = 0; i < pages.size(); i++) {
            if (String.valueOf(a.cleanPage(pages, i)).equals(String.valueOf(b.cleanPage(pages, i)))) {
                same++;
            }
        }
        return same;
    }

    public static void main(String[] args) throws Exception {
        Core a = Core.load(Path.of(args[0]));
        Core b = Core.load(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int warmUps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path root = SharedFolder.path("fixtures/extraction");
        for (String set : List.of("scrapinghub", "readability")) {
            List<byte[]> pages = set.equals("scrapinghub")
                    ? read(root.resolve("scrapinghub-aeb/html"), "glob:**.html")
                    : read(root.resolve("mozilla-readability"), "glob:**/source.html");
            long bytes = pages.stream().mapToLong(p -> p.length).sum();
            for (int warm = 0; warm < warmUps; warm++) {
                jsoup(pages);
                a.pass(pages);
                b.pass(pages);
            }
            long[][] times = new long[3][rounds];
            for (int round = 0; round < rounds; round++) {
                // Alternate the order so that a drift in speed hits every side alike.
                times[0][round] = cpu(() -> jsoup(pages));
                if (round % 2 == 0) {
                    times[1][round] = cpu(() -> a.pass(pages));
                    times[2][round] = cpu(() -> b.pass(pages));
                } else {
                    times[2][round] = cpu(() -> b.pass(pages));
                    times[1][round] = cpu(() -> a.pass(pages));
                }
            }
            String[] names = {"jsoup parse + text", "A " + args[0], "B " + args[1]};
            System.out.printf("%s: %d pages, %d bytes, %d warm-up and %d counted rounds (CPU time of the process per"
                    + " pass; median, and mean)%n", set, pages.size(), bytes, warmUps, rounds);
            double[] median = new double[3];
            for (int i = 0; i < 3; i++) {
                median[i] = median(times[i]) / 1e6;
                double mean = Arrays.stream(times[i]).average().orElse(0) / 1e6;
                System.out.printf("  %-40s %8.1f ms  %6.1f MB/s  x jsoup %.2f   (mean %.1f ms)%n", names[i], median[i],
                        bytes / 1e6 / (median[i] / 1e3), median[i] / median[0], mean);
            }
            System.out.printf("  B / A: %.3f (medians); same output from both on %d of %d pages%n",
                    median[2] / median[1], samePages(a, b, pages), pages.size());
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private interface Pass {
        void run() throws Exception;
    }

    private static long cpu(Pass pass) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = os.getProcessCpuTime();
        pass.run();
        return os.getProcessCpuTime() - start;
    }

    private static void jsoup(List<byte[]> pages) {
        for (byte[] page : pages) {
            Jsoup.parse(new String(page, java.nio.charset.StandardCharsets.UTF_8)).text();
        }
    }

    private static List<byte[]> read(Path dir, String glob) throws Exception {
        var matcher = dir.getFileSystem().getPathMatcher(glob);
        List<byte[]> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(matcher::matches).sorted().toList()) {
                pages.add(Files.readAllBytes(file));
            }
        }
        return pages;
    }
}
