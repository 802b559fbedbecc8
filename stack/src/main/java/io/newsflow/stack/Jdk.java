package io.newsflow.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK every server process runs on. Elasticsearch 9 needs Java 21 or newer, and one JDK for all three servers
 * keeps the picture simple.
 */
public record Jdk(Path home, int featureVersion) {

    public static final int MINIMUM_FEATURE_VERSION = 21;
    static final Path SYSTEM_JVM_DIR = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /**
     * Picks a JDK 21+: the JVM running this code if it is one, else {@code JAVA_HOME}, else the newest under
     * {@code /usr/lib/jvm}.
     */
    public static Jdk locate() {
        Jdk running = new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
        String javaHome = System.getenv("JAVA_HOME");
        return choose(running, Optional.ofNullable(javaHome).filter(home -> !home.isBlank()).map(Path::of),
                SYSTEM_JVM_DIR);
    }

    static Jdk choose(Jdk running, Optional<Path> javaHome, Path jvmDir) {
        List<String> rejected = new ArrayList<>();
        if (running.featureVersion() >= MINIMUM_FEATURE_VERSION && Files.isExecutable(running.java())) {
            return running;
        }
        rejected.add("the running JVM " + running.home() + " is Java " + running.featureVersion());
        if (javaHome.isPresent()) {
            Optional<Jdk> jdk = inspect(javaHome.get());
            if (jdk.isPresent() && jdk.get().featureVersion() >= MINIMUM_FEATURE_VERSION) {
                return jdk.get();
            }
            rejected.add("JAVA_HOME=" + javaHome.get() + " is "
                    + jdk.map(found -> "Java " + found.featureVersion()).orElse("not a JDK"));
        } else {
            rejected.add("JAVA_HOME is not set");
        }
        List<Jdk> installed = installedUnder(jvmDir);
        Optional<Jdk> newest = installed.stream()
                .filter(jdk -> jdk.featureVersion() >= MINIMUM_FEATURE_VERSION)
                .max(Comparator.<Jdk>comparingInt(Jdk::featureVersion).thenComparing(Jdk::home));
        if (newest.isPresent()) {
            return newest.get();
        }
        rejected.add(jvmDir + " holds " + (installed.isEmpty() ? "no JDK"
                : installed.stream().map(jdk -> "Java " + jdk.featureVersion()).distinct().toList()));
        throw new StackException("No JDK " + MINIMUM_FEATURE_VERSION + " or newer found for the stack's servers"
                + " (Elasticsearch 9 needs one): " + String.join("; ", rejected)
                + ". Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it.");
    }

    /** The JDK at {@code home}, its version read from the {@code release} file every JDK ships. */
    static Optional<Jdk> inspect(Path home) {
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            return Optional.empty();
        }
        OptionalInt version = featureVersion(home);
        return version.isPresent() ? Optional.of(new Jdk(home, version.getAsInt())) : Optional.empty();
    }

    static OptionalInt featureVersion(Path home) {
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static List<Jdk> installedUnder(Path jvmDir) {
        if (!Files.isDirectory(jvmDir)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(jvmDir)) {
            return homes.sorted().map(Jdk::inspect).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
