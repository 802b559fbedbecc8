package io.newsflow.ingest.feed;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.ingest.feed.FeedRejected.Reason;
import io.newsflow.ingest.testing.LocalHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdom2.JDOMException;
import org.junit.jupiter.api.Test;

/**
 * Every file in hostile/ is refused without harm. Time bounds are generous (CI machines are shared); the speed of
 * refusal is measured by the parser benchmark, not here.
 */
class HostileFeedsTest {

    private static final Duration GENEROUS = Duration.ofSeconds(5);
    private final FeedParser parser = new FeedParser();
    private final Path hostile = SharedFolder.fixtures("feeds").resolve("hostile");

    private FeedRejected refused(ThrowingCallable parse, Reason reason) {
        long before = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(parse);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(GENEROUS);
        assertThat(thrown).isInstanceOf(FeedRejected.class);
        FeedRejected rejected = (FeedRejected) thrown;
        assertThat(rejected.reason()).as(rejected.getMessage()).isEqualTo(reason);
        return rejected;
    }

    private byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(hostile.resolve(name));
    }

    @Test
    void shouldRefuseFileEntityWithoutReadingFile() throws IOException {
        byte[] xml = fixture("xxe-file.xml");
        FeedRejected rejected = refused(() -> parser.parse(xml, "application/rss+xml",
                URI.create("http://feeds.test/xxe-file.xml")), Reason.EXTERNAL_ENTITY);
        String passwd = Files.readString(Path.of("/etc/passwd"));
        String firstLine = passwd.lines().findFirst().orElseThrow();
        assertThat(rejected.getMessage()).contains("http://feeds.test/xxe-file.xml").contains("leak")
                .doesNotContain(firstLine).doesNotContain("root:");
        assertThat(rejected.getCause()).isNull();
    }

    @Test
    void shouldRefuseRemoteEntityWithoutConnecting() throws IOException {
        try (LocalHttpServer trap = new LocalHttpServer().text("/evil.dtd", "application/xml-dtd",
                "<!ENTITY % leak SYSTEM 'file:///etc/hostname'>")) {
            String original = new String(fixture("xxe-http.xml"), StandardCharsets.UTF_8);
            assertThat(original).contains("http://127.0.0.1:1/evil.dtd");
            byte[] pointingAtTrap = original.replace("http://127.0.0.1:1/evil.dtd", trap.url("/evil.dtd").toString())
                    .getBytes(StandardCharsets.UTF_8);
            refused(() -> parser.parse(fixture("xxe-http.xml"), null, null), Reason.EXTERNAL_ENTITY);
            refused(() -> parser.parse(pointingAtTrap, null, null), Reason.EXTERNAL_ENTITY);
            assertThat(trap.totalHits()).as("connections to the DTD server").isZero();
        }
    }

    @Test
    void shouldRefuseBillionLaughs() {
        FeedRejected rejected = refused(() -> parser.parse(fixture("billion-laughs.xml"), null, null),
                Reason.ENTITY_EXPANSION);
        assertThat(rejected.getMessage()).contains("refers to other entities");
    }

    @Test
    void shouldRefuseQuadraticBlowup() {
        FeedRejected rejected = refused(() -> parser.parse(fixture("quadratic-blowup.xml"), null, null),
                Reason.ENTITY_EXPANSION);
        assertThat(rejected.getMessage()).contains("50000 characters");
    }

    @Test
    void shouldRefuseManyReferencesToShortEntityPastExpansionBudget() {
        String xml = "<!DOCTYPE rss [<!ENTITY x \"" + "A".repeat(1000) + "\">]><rss version=\"2.0\"><channel>"
                + "<title>" + "&x;".repeat(5000) + "</title></channel></rss>";
        FeedRejected rejected = refused(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null),
                Reason.ENTITY_EXPANSION);
        assertThat(rejected.getMessage()).contains("expand to more than");
    }

    @Test
    void shouldRefuseGzipBombBytesAsNotXmlWithoutInflatingThem() {
        refused(() -> parser.parse(fixture("gzip-bomb.xml.gz"), "application/gzip", null), Reason.MALFORMED);
    }

    @Test
    void shouldStillRefuseADoctypeThatGetsPastThePrologScan() throws IOException {
        try (LocalHttpServer trap = new LocalHttpServer().text("/evil.dtd", "application/xml-dtd", "")) {
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + trap.url("/evil.dtd")
                    + "\"><rss><channel><title>t</title></channel></rss>";
            assertThatThrownBy(() -> new SafeXml().build(xml)).isInstanceOf(JDOMException.class)
                    .hasMessageContaining("DOCTYPE");
            assertThat(trap.totalHits()).isZero();
        }
    }

    @Test
    void shouldRefuseAbsurdlyDeepNesting() {
        String xml = "<rss version=\"2.0\"><channel>" + "<x>".repeat(5000) + "</x>".repeat(5000)
                + "</channel></rss>";
        FeedRejected rejected = refused(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null),
                Reason.MALFORMED);
        assertThat(rejected.getMessage()).containsIgnoringCase("depth");
    }

    @Test
    void shouldAcceptShortPlainEntityAsFeedparserDoes() throws Exception {
        String xml = "<!DOCTYPE rss [<!ENTITY site \"Example &#38; Co\">]><rss version=\"2.0\"><channel>"
                + "<title>&site; news</title><item><title>a</title><link>http://example.org/a</link></item>"
                + "<!-- &site; stays in comments --></channel></rss>";
        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(feed.title()).isEqualTo("Example & Co news");
    }
}
