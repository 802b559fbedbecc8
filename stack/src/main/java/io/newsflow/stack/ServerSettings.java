package io.newsflow.stack;

import java.nio.file.Path;

/** What every server process of one stack shares: the JDK, its heap, the owner marker, its folder and log. */
record ServerSettings(Jdk jdk, String heap, String marker, Path directory, Path logFile) {
}
