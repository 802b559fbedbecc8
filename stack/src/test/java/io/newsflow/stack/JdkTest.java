package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseTheRunningJvmWhenItIsJava21OrNewer() throws IOException {
        Path running = fakeJdk("running", "21.0.5");

        assertThat(Jdk.choose(new Jdk(running, 21), Optional.of(fakeJdk("home", "25")), dir.resolve("jvm")))
                .isEqualTo(new Jdk(running, 21));
    }

    @Test
    void shouldFallBackToJavaHomeWhenTheRunningJvmIsTooOld() throws IOException {
        Path home = fakeJdk("home", "25.0.1");

        Jdk chosen = Jdk.choose(new Jdk(fakeJdk("running", "17.0.9"), 17), Optional.of(home), dir.resolve("jvm"));

        assertThat(chosen).isEqualTo(new Jdk(home, 25));
        assertThat(chosen.java()).isEqualTo(home.resolve("bin/java"));
    }

    @Test
    void shouldPickTheNewestInstalledJdkWhenNeitherTheJvmNorJavaHomeWill() throws IOException {
        Path jvm = Files.createDirectories(dir.resolve("jvm"));
        fakeJdk("jvm/java-17-openjdk", "17.0.9");
        Path newest = fakeJdk("jvm/temurin-25-jdk", "25.0.1");
        fakeJdk("jvm/java-21-openjdk", "21.0.2");

        Jdk chosen = Jdk.choose(new Jdk(fakeJdk("running", "17"), 17), Optional.of(fakeJdk("home", "11.0.2")), jvm);

        assertThat(chosen).isEqualTo(new Jdk(newest, 25));
    }

    @Test
    void shouldFailNamingEveryJdkItRejectedWhenNoneIsNewEnough() throws IOException {
        Path jvm = Files.createDirectories(dir.resolve("jvm"));
        fakeJdk("jvm/java-17-openjdk", "17.0.9");

        assertThatThrownBy(() -> Jdk.choose(new Jdk(fakeJdk("running", "17"), 17), Optional.empty(), jvm))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("No JDK 21 or newer")
                .hasMessageContaining("is Java 17")
                .hasMessageContaining("JAVA_HOME is not set")
                .hasMessageContaining(jvm + " holds [Java 17]")
                .hasMessageContaining("apt-get install openjdk-21-jdk-headless");
    }

    @Test
    void shouldNotTakeAFolderWithoutJavaForAJdk() throws IOException {
        Path notAJdk = Files.createDirectories(dir.resolve("empty"));

        assertThat(Jdk.inspect(notAJdk)).isEmpty();
    }

    @Test
    void shouldReadTheFeatureVersionOfOldAndNewVersionStrings() throws IOException {
        assertThat(Jdk.featureVersion(fakeJdk("eight", "1.8.0_392"))).hasValue(8);
        assertThat(Jdk.featureVersion(fakeJdk("new", "25.0.1"))).hasValue(25);
        assertThat(Jdk.featureVersion(dir.resolve("missing"))).isEmpty();
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
