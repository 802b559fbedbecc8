package io.newsflow.ingest.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalUrlTest {

    private static final URI FINAL = URI.create("https://www.example.com/news/2025/story.html?utm_source=rss");

    @Test
    void shouldUseCanonicalLinkResolvedAgainstFinalUrl() {
        String html = "<html><head><link rel=\"Canonical\" href=\"/news/story?id=42&utm_medium=feed#top\"></head></html>";
        assertThat(CanonicalUrl.of(html, FINAL)).isEqualTo(URI.create("https://www.example.com/news/story?id=42"));
    }

    @Test
    void shouldHonourBaseElementAndSpaceSeparatedRelValues() {
        String html = "<head><base href=\"https://www.example.com/a/\"><link rel=\"alternate canonical\" href=\"b\">";
        assertThat(CanonicalUrl.of(html, FINAL)).isEqualTo(URI.create("https://www.example.com/a/b"));
    }

    @Test
    void shouldFallBackToFinalUrlWithoutUsableCanonical() {
        URI expected = URI.create("https://www.example.com/news/2025/story.html");
        assertThat(CanonicalUrl.of("<p>no head</p>", FINAL)).isEqualTo(expected);
        assertThat(CanonicalUrl.of("<link rel=canonical href=\"javascript:alert(1)\">", FINAL)).isEqualTo(expected);
        assertThat(CanonicalUrl.of("<link rel=canonical href=\"\">", FINAL)).isEqualTo(expected);
    }

    @Test
    void shouldTreatWwwAndTheBareHostAsOneSite() {
        assertThat(CanonicalUrl.of("<link rel=canonical href=\"https://example.com/news/42\">", FINAL))
                .isEqualTo(URI.create("https://example.com/news/42"));
        assertThat(CanonicalUrl.of("<link rel=canonical href=\"https://WWW.example.com./news/42\">",
                URI.create("https://example.com/story?id=42"))).isEqualTo(URI.create("https://www.example.com/news/42"));
    }

    @Test
    void shouldKeepThePagesOwnUrlWhenTheCanonicalPointsToAnotherSite() {
        URI own = URI.create("https://www.example.com/news/2025/story.html");
        String victim = "https://www.victim.example/news/big-story";

        URI canonical = CanonicalUrl.of("<link rel=canonical href=\"" + victim + "\">", FINAL);

        assertThat(canonical).isEqualTo(own);
        assertThat(ArticleId.of(canonical)).as("the page cannot take the other site's article id")
                .isNotEqualTo(ArticleId.of(victim));
    }

    @Test
    void shouldKeepThePagesOwnUrlWhenTheCanonicalIsAnotherHostOfTheSameDomain() {
        // No public-suffix list here: only www. and the bare host count as one site, not every sub-domain.
        assertThat(CanonicalUrl.of("<link rel=canonical href=\"https://blogs.example.com/story\">", FINAL))
                .isEqualTo(URI.create("https://www.example.com/news/2025/story.html"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/", "https://www.example.com", "https://example.com/", "https://www.example.com/?",
            "https://www.example.com/?utm_source=rss", "/#top"})
    void shouldNeverTrustACanonicalPointingAtTheSiteRoot(String root) {
        assertThat(CanonicalUrl.of("<link rel=canonical href=\"" + root + "\">", FINAL))
                .isEqualTo(URI.create("https://www.example.com/news/2025/story.html"));
    }

    @Test
    void shouldNeverTrustACanonicalPointingAtTheFeedsHomePage() {
        byte[] page = "<link rel=canonical href=\"/news/\">".getBytes(StandardCharsets.UTF_8);

        URI canonical = CanonicalUrl.of(page, "UTF-8", FINAL, List.of(URI.create("https://WWW.example.com/news/")));

        assertThat(canonical).isEqualTo(URI.create("https://www.example.com/news/2025/story.html"));
        assertThat(CanonicalUrl.of(page, "UTF-8", FINAL, List.of(URI.create("https://www.example.com/sport/"))))
                .as("another section of the same site is a legitimate canonical")
                .isEqualTo(URI.create("https://www.example.com/news/"));
    }

    @Test
    void shouldReadCanonicalFromBytesInTheirCharset() {
        byte[] page = "<meta charset=\"iso-8859-1\"><link rel=canonical href=\"https://example.com/caf\u00e9\">"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(CanonicalUrl.of(page, null, FINAL, List.of())).isEqualTo(URI.create("https://example.com/caf%C3%A9"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "HTTP://WWW.Example.COM:80/a|http://www.example.com/a",
        "https://example.com:443|https://example.com/",
        "https://example.com:8443/a|https://example.com:8443/a",
        "https://example.com/a#section-2|https://example.com/a",
        "https://user:pw@example.com/a|https://example.com/a",
        "https://example.com/a?b=2&a=1|https://example.com/a?a=1&b=2",
        "https://example.com/a?utm_source=x&UTM_Campaign=y&id=3&fbclid=abc&gclid=d|https://example.com/a?id=3",
        "https://example.com/a?mc_cid=1&mc_eid=2&ref=home&ref_src=twsrc&msclkid=5|https://example.com/a",
        "https://example.com/a?|https://example.com/a",
        "https://example.com/a/./b/../c|https://example.com/a/c",
        "https://example.com/%7euser/%2fx%3f|https://example.com/~user/%2Fx%3F",
        "https://example.com./a|https://example.com/a",
        "https://b\u00fccher.example/a|https://xn--bcher-kva.example/a",
        "https://example.com/search?q=a b|https://example.com/search?q=a%20b",
        "https://example.com/a?reference=1&ref=2|https://example.com/a?reference=1"
    })
    void shouldNormaliseEachUrlToItsCanonicalForm(String input, String expected) {
        assertThat(CanonicalUrl.normalize(URI.create(Urls.escapeIllegal(input)))).hasToString(expected);
    }

    @Test
    void shouldIdAnArticleByTheFirst32HexCharsOfItsNormalisedCanonicalUrlsSha256() {
        // printf 'https://example.com/a' | sha256sum | cut -c1-32
        String url = "https://example.com/a";
        String id = ArticleId.of(URI.create(url));
        assertThat(id).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(id).isEqualTo("2dce0a4c50441bfccfa9caf4b58c3cba").isEqualTo(sha256Prefix(url));
        assertThat(ArticleId.of(CanonicalUrl.normalize(URI.create("HTTPS://Example.com:443/a?utm_source=x#f"))))
                .isEqualTo(id);
        assertThat(ArticleId.of("https://example.com/b")).isNotEqualTo(id);
    }

    /** A second implementation, formatting by hand instead of with HexFormat. */
    private static String sha256Prefix(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
