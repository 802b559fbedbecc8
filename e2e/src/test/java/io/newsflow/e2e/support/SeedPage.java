package io.newsflow.e2e.support;

import io.newsflow.stack.junit.SharedFolder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The seed article as the scraped text it is ({@code samples/geneva-talks.id.txt}), and as the web page it came from:
 * the same blocks inside a news site's HTML (menu, cookie banner, share bar, related links, footer), its section
 * headings as {@code <h2>}, and the injected spam footer ("sbobet", "By gacor88") still at the end of the body.
 */
public final class SeedPage {
    private SeedPage() {}

    public static String text() {
        return SharedFolder.read(SeedFacts.TEXT);
    }

    public static String html(SeedFacts facts) {
        List<String> blocks = Arrays.stream(text().split("\\n\\s*\\n")).map(String::strip)
                .filter(block -> !block.isEmpty()).toList();
        String title = blocks.getFirst();
        String body = blocks.subList(1, blocks.size()).stream()
                .map(block -> facts.headings().contains(block) ? "<h2>" + FeedSite.escape(block) + "</h2>"
                        : "<p>" + FeedSite.escape(block) + "</p>")
                .collect(Collectors.joining("\n"));
        return """
                <!DOCTYPE html>
                <html lang="id">
                <head><meta charset="utf-8"><title>%1$s | Warta Dunia</title></head>
                <body>
                <header class="site-header"><a href="/">Warta Dunia</a>
                <nav class="menu"><ul><li><a href="/nasional">Nasional</a></li><li><a href="/dunia">Dunia</a></li>
                <li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav></header>
                <div class="cookie-banner">Kami menggunakan cookie untuk meningkatkan pengalaman Anda. <button>Setuju</button></div>
                <main><article class="post">
                <h1 class="entry-title">%1$s</h1>
                <div class="meta"><time datetime="2022-01-11T08:00:00+07:00">Selasa, 11 Januari 2022 08:00 WIB</time></div>
                <div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
                <div class="entry-content">
                %2$s
                </div>
                </article>
                <aside class="related"><h3>Berita Terkait</h3><ul><li><a href="/dunia/nato-rusia">NATO dan Rusia bertemu di Brussel</a></li>
                <li><a href="/dunia/osce-wina">OSCE bersidang di Wina</a></li></ul></aside>
                </main>
                <footer class="site-footer"><p>&copy; 2022 Warta Dunia. Hak cipta dilindungi.</p>
                <ul><li><a href="/tentang">Tentang kami</a></li><li><a href="/kontak">Kontak</a></li></ul></footer>
                </body></html>
                """.formatted(FeedSite.escape(title), body);
    }
}
