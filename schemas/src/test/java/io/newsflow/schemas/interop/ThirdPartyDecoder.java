package io.newsflow.schemas.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes wire format bytes with {@code src/test/js/decode.js}: the npm package
 * {@code @kafkajs/confluent-schema-registry}, a Schema Registry client nobody on newsflow wrote. The script and its
 * locked dependencies are installed with {@code npm ci} into {@code target/interop-js} on first use. Public in the
 * test-jar so that other modules' tests (the e2e suite) prove the same with records the pipeline wrote.
 */
public final class ThirdPartyDecoder {
    private static final Path SOURCES = Path.of("src/test/js");
    private static final Path WORK = Path.of("target/interop-js");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "decode.js");
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long DECODE_TIMEOUT_SECONDS = 60;

    private final Path work;

    private ThirdPartyDecoder(Path work) {
        this.work = work;
    }

    /** Copies the script in and runs {@code npm ci} unless the locked packages are installed already. */
    static ThirdPartyDecoder install() throws IOException, InterruptedException {
        return install(SOURCES, WORK);
    }

    /**
     * The same from another module: {@code sources} is this module's {@code src/test/js} as seen from there,
     * {@code work} a folder of that module's build.
     */
    public static ThirdPartyDecoder install(Path sources, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        boolean lockChanged = !Files.exists(work.resolve("package-lock.json"))
                || Files.mismatch(sources.resolve("package-lock.json"), work.resolve("package-lock.json")) != -1;
        for (String file : FILES) {
            Files.copy(sources.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (lockChanged || !Files.isDirectory(work.resolve("node_modules/@kafkajs/confluent-schema-registry"))) {
            run(work, INSTALL_TIMEOUT_SECONDS, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                    "--loglevel=error");
        }
        return new ThirdPartyDecoder(work);
    }

    /** The record in {@code wireBytes} as the third-party client decodes it, as JSON. */
    public String decode(String registryUrl, byte[] wireBytes) throws IOException, InterruptedException {
        Path input = Files.createTempFile(work, "record-", ".bin");
        try {
            Files.write(input, wireBytes);
            return run(work, DECODE_TIMEOUT_SECONDS, "node", "decode.js", registryUrl, input.getFileName().toString());
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static String run(Path work, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(work, "out-", ".txt");
        Path stderr = Files.createTempFile(work, "err-", ".txt");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(work.toFile())
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot run '" + command[0] + "': the interop test needs Node.js 18+"
                        + " and npm on the PATH (Debian: apt-get install nodejs npm)", e);
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " in " + work + " did not finish within "
                        + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in " + work + " exited with "
                        + process.exitValue() + ":\n" + Files.readString(stderr));
            }
            return Files.readString(stdout);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
