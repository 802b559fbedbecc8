package io.newsflow.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every server process of one stack shares: the JDK, its heap, whether it may use the optimising JIT, the
 * owner marker, its folder and its log.
 */
record ServerSettings(Jdk jdk, String heap, boolean fullJit, String marker, Path directory, Path logFile) {

    /**
     * Heap, JIT and owner marker options of a server JVM. Without {@code fullJit} the JVM compiles with C1 only:
     * a server then needs about 40% less CPU to start (measured here), which matters on a 2-core machine shared by
     * builds, at the price of slower peak throughput.
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
        if (!fullJit) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        options.add(marker);
        return options;
    }
}
