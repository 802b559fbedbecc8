package io.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void shouldHashBytesAndTheirUtf8TextAlike() {
        // printf '' | sha256sum
        assertThat(Hashes.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashes.sha256Hex("Jakarta ü")).isEqualTo(Hashes.sha256Hex("Jakarta ü".getBytes(StandardCharsets.UTF_8)));
        assertThat(Hashes.contentHash("<p>a</p>".getBytes(StandardCharsets.UTF_8))).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void shouldMakeTheArticleIdTheFirst32HexCharactersOfTheCanonicalUrlsHash() {
        // printf 'https://example.com/a' | sha256sum | cut -c1-32
        assertThat(Hashes.articleId("https://example.com/a")).isEqualTo("2dce0a4c50441bfccfa9caf4b58c3cba");
    }
}
