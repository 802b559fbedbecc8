package io.newsflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsRulesTest {

    @Test
    void shouldPreferGroupNamingOurTokenOverStarGroup() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /

                User-agent: Googlebot
                User-agent: NewsFlow/1.0
                Disallow: /drafts
                Crawl-delay: 2.5
                """, "newsflow");
        assertThat(rules.allows("/news")).isTrue();
        assertThat(rules.allows("/drafts/1")).isFalse();
        assertThat(rules.crawlDelay()).contains(Duration.ofMillis(2500));
    }

    @Test
    void shouldFallBackToTheStarGroupAndMergeRepeatedGroups() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /a
                # comment
                User-agent: otherbot
                Disallow: /

                User-agent: *
                Disallow: /b  # trailing comment
                """, "newsflow");
        assertThat(rules.allows("/a/x")).isFalse();
        assertThat(rules.allows("/b")).isFalse();
        assertThat(rules.allows("/c")).isTrue();
    }

    @Test
    void shouldLetTheLongestMatchWinAndAllowWinATie() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /shop
                Allow: /shop/public
                Disallow: /shop/public/secret
                Allow: /tie
                Disallow: /tie
                """, "newsflow");
        assertThat(rules.allows("/shop/cart")).isFalse();
        assertThat(rules.allows("/shop/public/item")).isTrue();
        assertThat(rules.allows("/shop/public/secret/1")).isFalse();
        assertThat(rules.allows("/tie")).isTrue();
    }

    @Test
    void shouldSupportWildcardsAndEndAnchors() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /*.pdf$
                Disallow: /*?session=
                Disallow: /fish*
                """, "newsflow");
        assertThat(rules.allows("/docs/report.pdf")).isFalse();
        assertThat(rules.allows("/docs/report.pdf.html")).isTrue();
        assertThat(rules.allows("/page?session=42")).isFalse();
        assertThat(rules.allows("/fishing")).isFalse();
        assertThat(rules.allows("/Fish")).isTrue();
    }

    @Test
    void shouldAllowEverythingOnAnEmptyDisallowOrNoRulesAndAlwaysAllowRobotsTxt() {
        assertThat(RobotsRules.parse("User-agent: *\nDisallow:\n", "newsflow").allows("/x")).isTrue();
        assertThat(RobotsRules.parse("", "newsflow").allows("/x")).isTrue();
        assertThat(RobotsRules.DISALLOW_ALL.allows("/x")).isFalse();
        assertThat(RobotsRules.DISALLOW_ALL.allows("/robots.txt")).isTrue();
    }

    @Test
    void shouldNotBacktrackExponentiallyOverManyWildcards() {
        String pattern = "/" + "*a".repeat(30) + "b";
        RobotsRules rules = RobotsRules.parse("User-agent: *\nDisallow: " + pattern + "\n", "newsflow");
        long before = System.nanoTime();
        assertThat(rules.allows("/" + "a".repeat(5000))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }
}
