package io.newsflow.enrich.core.extract;

import static io.newsflow.enrich.core.extract.ExtractedBlock.Kind.HEADING;
import static io.newsflow.enrich.core.extract.ExtractedBlock.Kind.ITEM;
import static io.newsflow.enrich.core.extract.ExtractedBlock.Kind.PARAGRAPH;
import static io.newsflow.enrich.core.extract.ExtractedBlock.Kind.QUOTE;
import static io.newsflow.enrich.core.extract.Pages.PROSE_1;
import static io.newsflow.enrich.core.extract.Pages.PROSE_2;
import static io.newsflow.enrich.core.extract.Pages.PROSE_3;
import static io.newsflow.enrich.core.extract.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlExtractorTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    private ExtractedPage extract(Pages page) {
        return extractor.extract(page.html(), "https://news.example/story");
    }

    private static List<String> texts(ExtractedPage page) {
        return page.blocks().stream().map(ExtractedBlock::text).toList();
    }

    private static String allText(ExtractedPage page) {
        return String.join("\n", texts(page));
    }

    /** Article structure. */
    @Nested
    class Structure {
        @Test
        void shouldKeepHeadings() {
            ExtractedPage page = extract(page()
                    .article("<h1>Council approves the budget</h1><p>" + PROSE_1 + "</p><h2>What changes</h2>"
                            + "<ul><li>More teachers for schools</li><li>Two new bus lines</li></ul>"
                            + "<blockquote><p>We finally have a plan, said the mayor.</p></blockquote>"
                            + "<p>" + PROSE_2 + "</p><p>" + PROSE_3 + "</p>"));

            assertThat(page.blocks()).containsExactly(
                    new ExtractedBlock(PARAGRAPH, PROSE_1),
                    new ExtractedBlock(HEADING, "What changes"),
                    new ExtractedBlock(ITEM, "More teachers for schools"),
                    new ExtractedBlock(ITEM, "Two new bus lines"),
                    new ExtractedBlock(QUOTE, "We finally have a plan, said the mayor."),
                    new ExtractedBlock(PARAGRAPH, PROSE_2),
                    new ExtractedBlock(PARAGRAPH, PROSE_3));
        }

        @Test
        void shouldReportTheHeadlineAsTitleAndNotAgainAsTheFirstBlock() {
            ExtractedPage page = extract(page()
                    .head("<title>Council approves the budget | City News</title>")
                    .article("<h1>Council approves the budget</h1>").prose());

            assertThat(page.title()).isEqualTo("Council approves the budget");
            assertThat(page.blocks()).extracting(ExtractedBlock::text).doesNotContain("Council approves the budget");
        }

        @Test
        void shouldKeepEverySectionOfArticleWhoseFirstSectionHoldsHeadline() {
            ExtractedPage page = extract(page()
                    .head("<title>Council approves the budget | City News</title>")
                    .article("<section class=\"chapter\"><h1>Council approves the budget</h1><p>" + PROSE_1
                            + "</p><p>" + PROSE_3 + "</p></section><section class=\"chapter\"><h2>What residents say"
                            + "</h2><p>" + PROSE_2 + "</p><p>" + PROSE_3 + " Again.</p></section>"));

            assertThat(texts(page)).containsExactly(PROSE_1, PROSE_3, "What residents say", PROSE_2, PROSE_3 + " Again.");
        }

        @Test
        void shouldKeepBothHalvesOfParagraphThatAdvertSplits() {
            ExtractedPage page = extract(page().article("<p>" + PROSE_1 + " The first half ends here"
                    + "<div class=\"ad-slot\">Buy shoes now</div>and the second half goes on, as planned.</p>"
                    + "<p>" + PROSE_2 + "</p>"));

            String text = allText(page);
            assertThat(text).contains(PROSE_1 + " The first half ends here")
                    .contains("and the second half goes on, as planned.")
                    .doesNotContain("Buy shoes now");
        }

        @Test
        void shouldMakeAParagraphOfTextWrittenDirectlyInADivBetweenBlocks() {
            ExtractedPage page = extract(page().article("<div>" + PROSE_1 + "<p>" + PROSE_2 + "</p>" + PROSE_3
                    + "</div>"));

            assertThat(texts(page)).containsExactly(PROSE_1, PROSE_2, PROSE_3);
        }

        @Test
        void shouldYieldOneItemPerEntryOfAListItemHoldingANestedList() {
            ExtractedPage page = extract(page().prose()
                    .article("<ol><li>First step<ul><li>Detail A</li><li>Detail B</li></ul></li><li>Second step</li></ol>"));

            assertThat(page.blocks()).containsSubsequence(
                    new ExtractedBlock(ITEM, "First step"),
                    new ExtractedBlock(ITEM, "Detail A"),
                    new ExtractedBlock(ITEM, "Detail B"),
                    new ExtractedBlock(ITEM, "Second step"));
        }
    }

    /** Inline text. */
    @Nested
    class InlineText {
        @Test
        void shouldJoinInlineElementsAsRendered() {
            ExtractedPage page = extract(page().prose()
                    .article("<p>Prices rose <b>4</b>%, said <a href=\"/p\">the   minister</a>,<i>quietly</i>"
                            + " and <em>then</em>\n left &nbsp;the <span>room</span>.</p>"));

            assertThat(texts(page)).contains("Prices rose 4%, said the minister,quietly and then left the room.");
        }

        @Test
        void shouldMakeASingleBrALineBreakInsideTheBlock() {
            ExtractedPage page = extract(page().prose()
                    .article("<p>Jane Doe <br/> 12 Harbour Street<br>Portsmouth<br><br>  <br>Second part</p>"));

            assertThat(texts(page)).contains("Jane Doe\n12 Harbour Street\nPortsmouth", "Second part");
        }

        @Test
        void shouldNeverGlueTheWordsOfNeighbouringBlocksAndTableCellsTogether() {
            ExtractedPage page = extract(page().prose()
                    .article("<div>alpha</div><div>beta</div><table><tr><td>gamma</td><td>delta</td></tr></table>"));

            assertThat(texts(page)).contains("alpha", "beta", "gamma", "delta");
        }
    }

    /** What is not the article. */
    @Nested
    class Noise {
        @Test
        void shouldDropNavigation() {
            ExtractedPage page = extract(page()
                    .before("<header class=\"site-header\"><a href=\"/\">City News</a><ul class=\"menu\">"
                            + "<li><a href=\"/politics\">Politics</a></li><li><a href=\"/sport\">Sport</a></li></ul></header>"
                            + "<nav><a href=\"/a\">Home</a> <a href=\"/b\">World</a></nav>")
                    .prose()
                    .after("<footer><p>Copyright 2026 City News, all rights reserved, contact us any time.</p></footer>"));

            assertThat(texts(page)).containsExactly(PROSE_1, PROSE_2, PROSE_3);
        }

        @Test
        void shouldDropShareBars() {
            ExtractedPage page = extract(page().prose()
                    .article("<div class=\"share-bar\"><span>Share on Facebook</span><span>Tweet</span></div>"
                            + "<div class=\"related-articles\"><h3>Related</h3><ul>"
                            + "<li><a href=\"/1\">Budget row deepens in the harbour district</a></li>"
                            + "<li><a href=\"/2\">Library closes early for the holidays</a></li></ul></div>"
                            + "<section id=\"comments\"><p>Great article, thanks, I agree with every word.</p></section>"));

            assertThat(allText(page)).doesNotContain("Share on Facebook", "Tweet", "Related", "Budget row",
                    "Library closes", "Great article");
            assertThat(texts(page)).containsExactly(PROSE_1, PROSE_2, PROSE_3);
        }

        @Test
        void shouldDropCookieBanners() {
            ExtractedPage page = extract(page()
                    .before("<div id=\"cookie-consent\"><p>We use cookies to improve your experience, accept them.</p>"
                            + "<button>Accept</button></div>")
                    .article("<script>var tracking = 'secret';</script><style>p { color: red }</style>")
                    .prose()
                    .article("<div class=\"advertisement\">Advertisement: cheap flights to everywhere</div>"
                            + "<form action=\"/subscribe\"><label>Email</label><input name=\"e\"><button>Subscribe"
                            + "</button></form>"));

            assertThat(allText(page)).doesNotContain("cookies", "tracking", "color", "cheap flights", "Email",
                    "Subscribe");
            assertThat(texts(page)).containsExactly(PROSE_1, PROSE_2, PROSE_3);
        }

        @Test
        void shouldDropUnnamedAdSlots() {
            ExtractedPage page = extract(page().prose()
                    .article("<div class=\"x7Fq\"><center><span>Advert</span><br><script>serveAd()</script></center>"
                            + "</div><p class=\"slideshow-noscript robots-nocontent\">This slideshow requires"
                            + " JavaScript.</p><ol class=\"comment-list\"><li><p>First! This is the best article on"
                            + " the budget, and I read many of them.</p></li></ol>"));

            assertThat(allText(page)).doesNotContain("Advert", "slideshow", "First!");
            assertThat(texts(page)).containsExactly(PROSE_1, PROSE_2, PROSE_3);
        }

        @Test
        void shouldDropPublicationDateLinesButKeepADateWrittenInsideASentence() {
            ExtractedPage page = extract(page()
                    .article("<div class=\"post-date\">Published 12 May 2026, 10:48</div>").prose()
                    .article("<p>The vote is set for <span class=\"date\">Friday 15 May</span>, the clerk said.</p>"));

            assertThat(allText(page)).doesNotContain("Published 12 May");
            assertThat(texts(page)).contains("The vote is set for Friday 15 May, the clerk said.");
        }

        @Test
        void shouldDropFigureCaptionsAndPhotoCredits() {
            ExtractedPage page = extract(page().prose()
                    .article("<figure><img src=\"a.jpg\"><figcaption>The council chamber on Tuesday. Photo: J. Doe"
                            + "</figcaption></figure><p><span class=\"image-credit\">Reuters</span></p>"));

            assertThat(allText(page)).doesNotContain("council chamber", "Reuters");
        }
    }

    /** What a reader cannot see. */
    @Nested
    class Hidden {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "style=\"display:none\"",
            "style=\"DISPLAY: none !important\"",
            "style=\"visibility:hidden\"",
            "hidden",
            "aria-hidden=\"true\"",
            "style=\"position:absolute;left:-9999px\"",
            "style=\"position:absolute;top:-1000px\"",
            "style=\"text-indent:-9999px\"",
            "style=\"font-size:0\"",
            "style=\"font-size: 0px\"",
            "style=\"opacity:0\"",
            "style=\"opacity: 0.0\"",
            "style=\"height:0;overflow:hidden\"",
            "style=\"position:absolute;clip:rect(0 0 0 0)\"",
            "class=\"sr-only\"",
            "class=\"d-none\""
        })
        void shouldDropAndReportAnElementHiddenByStyleOrClass(String hiding) {
            ExtractedPage page = extract(page().prose()
                    .article("<div " + hiding + "><a href=\"https://spam.example\">slot gacor</a> "
                            + "<a href=\"https://spam.example/2\">situs toto</a></div>"));

            assertThat(allText(page)).doesNotContain("slot gacor", "situs toto");
            assertThat(page.hiddenTexts()).containsExactly("slot gacor situs toto");
            assertThat(texts(page)).containsExactly(PROSE_1, PROSE_2, PROSE_3);
        }

        @Test
        void shouldKeepElementsThatOnlyLookLikeHiding() {
            ExtractedPage page = extract(page().prose()
                    .article("<p style=\"margin-left:-10px;opacity:0.9\">Slightly shifted text stays.</p>"
                            + "<p class=\"hidden md:block\">Shown on wide screens.</p>"
                            + "<p class=\"d-none d-lg-block\">Also shown on wide screens.</p>"
                            + "<p aria-hidden=\"false\">Not hidden at all.</p>"));

            assertThat(texts(page)).contains("Slightly shifted text stays.", "Shown on wide screens.",
                    "Also shown on wide screens.", "Not hidden at all.");
            assertThat(page.hiddenTexts()).isEmpty();
        }

        @Test
        void shouldReportHiddenLinkBlocksEvenInsideAFooterThatIsDropped() {
            ExtractedPage page = extract(page().prose()
                    .after("<div class=\"footer\"><p>About us</p><div style=\"display:none\">"
                            + "<a href=\"https://spam.example\">bandar togel</a></div></div>"));

            assertThat(page.hiddenTexts()).containsExactly("bandar togel");
        }

        @Test
        void shouldKeepLinesOfHiddenBlockApart() {
            ExtractedPage page = extract(page().prose()
                    .article("<div hidden><p>slot gacor maxwin</p><p>deposit pulsa</p></div>"));

            assertThat(page.hiddenTexts()).containsExactly("slot gacor maxwin\ndeposit pulsa");
        }
    }

    /** Metadata. */
    @Nested
    class Metadata {
        @Test
        void shouldTakeTitleFromOgTitle() {
            ExtractedPage page = extract(page()
                    .head("<title>Home | City News</title><meta property=\"og:site_name\" content=\"City News\">"
                            + "<meta property=\"og:title\" content=\"Council approves the budget - City News\">")
                    .prose());

            assertThat(page.title()).isEqualTo("Council approves the budget");
        }

        @Test
        void shouldStripSiteNameSuffixFromTitleElement() {
            ExtractedPage page = extract(page().head("<title>Council approves the new budget | City News</title>")
                    .prose());

            assertThat(page.title()).isEqualTo("Council approves the new budget");
        }

        @Test
        void shouldNotTakeSitesLogoHeadingForTitle() {
            ExtractedPage page = extract(page().head("<title>Council approves the new budget | City News</title>")
                    .before("<h1>City News</h1>").prose());

            assertThat(page.title()).isEqualTo("Council approves the new budget");
        }

        @Test
        void shouldTakeBylineFromAuthorMeta() {
            ExtractedPage page = extract(page().head("<meta name=\"author\" content=\"By Jane Doe\">").prose());

            assertThat(page.byline()).isEqualTo("Jane Doe");
        }

        @Test
        void shouldTakeBylineFromBylineElementAndKeepItOut() {
            ExtractedPage page = extract(page()
                    .article("<div class=\"byline\">By <a rel=\"author\" href=\"/jane\">Jane Doe</a></div>").prose());

            assertThat(page.byline()).isEqualTo("Jane Doe");
            assertThat(allText(page)).doesNotContain("Jane Doe");
        }

        @Test
        void shouldIgnoreAuthorMetaThatIsProfileUrl() {
            ExtractedPage page = extract(page()
                    .head("<meta property=\"article:author\" content=\"https://facebook.com/jane\">").prose());

            assertThat(page.byline()).isNull();
        }

        @Test
        void shouldTakeSiteNameFromOgSiteName() {
            ExtractedPage page = extract(page().head("<meta property=\"og:site_name\" content=\"City News\">").prose());

            assertThat(page.siteName()).isEqualTo("City News");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "<meta property=\"article:published_time\" content=\"2026-05-12T10:48:00+02:00\">",
            "<meta property=\"article:published_time\" content=\"2026-05-12T10:48:00+0200\">",
            "<meta name=\"pubdate\" content=\"2026-05-12 08:48:00\">",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
                    + "\"2026-05-12T08:48:00Z\"}</script>"
        })
        void shouldTakePublicationTimeFromMetaTagsOrJsonLd(String head) {
            ExtractedPage page = extract(page().head(head).prose());

            assertThat(page.publishedAt()).isEqualTo(Instant.parse("2026-05-12T08:48:00Z"));
        }

        @Test
        void shouldTakePublicationTimeFromMicrodataInBody() {
            assertThat(extract(page().prose().article("<meta itemprop=\"datePublished\" content=\"2026-05-12\">"))
                    .publishedAt()).isEqualTo(Instant.parse("2026-05-12T00:00:00Z"));
            assertThat(extract(page().head("<meta name=\"date\" content=\"last Tuesday\">").prose()).publishedAt())
                    .isNull();
        }

        @Test
        void shouldTakeLanguageFromHtmlLang() {
            assertThat(extract(page().htmlAttributes("lang=\"id-ID\"").prose()).htmlLanguage()).isEqualTo("id-ID");
            assertThat(extract(page().head("<meta http-equiv=\"Content-Language\" content=\"ms\">").prose())
                    .htmlLanguage()).isEqualTo("ms");
            assertThat(extract(page().prose()).htmlLanguage()).isNull();
        }
    }

    /** Bytes and charsets. */
    @Nested
    class Charsets {
        private static final String RUSSIAN = "Городской совет утвердил новый бюджет, и жители довольны этим решением.";

        private byte[] encoded(String charset, String metaCharset) {
            String html = page().head(metaCharset == null ? "" : "<meta charset=\"" + metaCharset + "\">")
                    .article("<p>" + RUSSIAN + "</p>").prose().html();
            return html.getBytes(Charset.forName(charset));
        }

        @Test
        void shouldSniffMetaCharsetWhenNoHintIsGiven() {
            ExtractedPage page = extractor.extract(encoded("windows-1251", "windows-1251"), null, "");

            assertThat(texts(page)).contains(RUSSIAN);
        }

        @Test
        void shouldDecodeBytesWithTheCharsetHintOverTheMetaCharset() {
            ExtractedPage page = extractor.extract(encoded("KOI8-R", "windows-1251"), "KOI8-R", "");

            assertThat(texts(page)).contains(RUSSIAN);
        }

        @Test
        void shouldLetAByteOrderMarkWinOverTheCharsetHint() {
            byte[] utf8 = encoded("UTF-8", null);
            byte[] withBom = new byte[utf8.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(utf8, 0, withBom, 3, utf8.length);

            ExtractedPage page = extractor.extract(withBom, "windows-1251", "");

            assertThat(texts(page)).contains(RUSSIAN);
        }

        @Test
        void shouldFallBackToSniffingOnAnUnknownCharsetHintInsteadOfFailing() {
            ExtractedPage page = extractor.extract(encoded("UTF-8", "utf-8"), "x-no-such-charset", "");

            assertThat(texts(page)).contains(RUSSIAN);
        }

        @Test
        void shouldNotLetAByteOrderMarkInTheInputBreakTheHead() {
            String html = "\uFEFF" + page().head("<title>Council approves the new budget today</title>").prose().html();

            assertThat(extractor.extract(html, "").title()).isEqualTo("Council approves the new budget today");
            assertThat(extractor.extract(html.getBytes(StandardCharsets.UTF_8), null, "").title())
                    .isEqualTo("Council approves the new budget today");
        }
    }

    @Test
    void shouldYieldNoBlocksForAnEmptyOrTextFreePageRatherThanFail() {
        assertThat(extractor.extract("", "").blocks()).isEmpty();
        assertThat(extractor.extract("<html><body><img src=a.png></body></html>", "").blocks()).isEmpty();
    }

    @Test
    void shouldExtractAPathologicallyDeepPageWithoutOverflowingTheStack() {
        String html = "<html><body>" + "<div><span>".repeat(20_000) + "<p>" + PROSE_1 + "</p>" + "</span></div>"
                .repeat(20_000) + "<p>" + PROSE_2 + "</p></body></html>";

        ExtractedPage page = extractor.extract(html, "");

        assertThat(allText(page)).contains(PROSE_2);
    }

    @Test
    void shouldKeepAShortArticleOnItsOwnWhole() {
        ExtractedPage page = extractor.extract("<html><body><nav><a href=/>Home</a></nav><div><p>" + PROSE_1
                + "</p></div></body></html>", "");

        assertThat(texts(page)).containsExactly(PROSE_1);
    }
}
