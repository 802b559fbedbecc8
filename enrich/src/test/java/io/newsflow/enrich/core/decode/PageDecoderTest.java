package io.newsflow.enrich.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Page decoding. */
class PageDecoderTest {
    private final PageDecoder decoder = new PageDecoder();

    @Test
    void shouldTellHtmlFromTextByContentWhateverTheContentTypeSays() throws Exception {
        assertThat(decoder.decode("<!DOCTYPE html><html><body><p>x</p></body></html>".getBytes(StandardCharsets.UTF_8),
                "text/plain", null).html()).isTrue();
        assertThat(decoder.decode("Judul\n\nIsi berita tentang <b> dan tag lain.".getBytes(StandardCharsets.UTF_8),
                "text/plain", null).html()).isFalse();
        assertThat(decoder.decode("Judul\n\nIsi berita biasa.".getBytes(StandardCharsets.UTF_8), "text/html", null).html())
                .as("declared HTML without a single tag is text").isFalse();
        assertThat(decoder.decode("<p>satu</p><p>dua</p><p>tiga</p>".getBytes(StandardCharsets.UTF_8), null, null).html())
                .isTrue();
    }

    @Test
    void shouldUseTheDeclaredCharsetThenTheMetaTagThenUtf8() throws Exception {
        byte[] latin1 = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>café</p></body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decoder.decode(latin1, "text/html", null).text()).contains("café");
        byte[] win1252 = "Kafe “Baru” dibuka".getBytes(Charset.forName("windows-1252"));
        assertThat(decoder.decode(win1252, null, "windows-1252").text()).isEqualTo("Kafe “Baru” dibuka");
        assertThat(decoder.decode("Ünïcödé".getBytes(StandardCharsets.UTF_8), null, "iso-8859-1").text())
                .as("a wrong label over valid UTF-8").isEqualTo("Ünïcödé");
    }

    @Test
    void shouldTellValidUtf8FromLegacyBytesWithoutALabel() throws Exception {
        byte[] legacy = "<p>Kafe “Baru” dibuka, harga Rp 5.000 – murah</p>".getBytes(Charset.forName("windows-1252"));
        DecodedPage decoded = decoder.decode(legacy, null, null);
        assertThat(decoded.text()).contains("“Baru”").contains("–");
        assertThat(decoded.charset()).isEqualTo("windows-1252");

        byte[] replacementCharInside = "<p>Tanda \uFFFD ini memang ada di halaman, dan é juga</p>"
                .getBytes(StandardCharsets.UTF_8);
        DecodedPage utf8 = decoder.decode(replacementCharInside, null, null);
        assertThat(utf8.charset()).isEqualTo("UTF-8");
        assertThat(utf8.text()).contains("\uFFFD ini").contains("dan é juga");
    }

    @Test
    void shouldRefuseEmptyBinaryAndUndecodableBodiesWithAReason() {
        assertThatThrownBy(() -> decoder.decode(new byte[0], "text/html", null))
                .extracting(e -> ((PageDecoder.DecodeException) e).failure()).isEqualTo(PageDecoder.Failure.EMPTY);
        assertThatThrownBy(() -> decoder.decode("   \n ".getBytes(StandardCharsets.UTF_8), null, null))
                .extracting(e -> ((PageDecoder.DecodeException) e).failure()).isEqualTo(PageDecoder.Failure.EMPTY);
        assertThatThrownBy(() -> decoder.decode(new byte[] {'%', 'P', 'D', 'F', '-', '1'}, "text/html", null))
                .extracting(e -> ((PageDecoder.DecodeException) e).failure()).isEqualTo(PageDecoder.Failure.BINARY);
        assertThatThrownBy(() -> decoder.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'a'}, null, null))
                .extracting(e -> ((PageDecoder.DecodeException) e).failure()).isEqualTo(PageDecoder.Failure.BINARY);
        assertThatThrownBy(() -> decoder.decode("teks".getBytes(StandardCharsets.UTF_8), null, "x-no-such-charset"))
                .extracting(e -> ((PageDecoder.DecodeException) e).failure()).isEqualTo(PageDecoder.Failure.UNDECODABLE);
        byte[] broken = new byte[200];
        java.util.Arrays.fill(broken, (byte) 0xC3);
        assertThatThrownBy(() -> decoder.decode(broken, null, "UTF-8"))
                .extracting(e -> ((PageDecoder.DecodeException) e).failure()).isEqualTo(PageDecoder.Failure.UNDECODABLE);
    }
}
