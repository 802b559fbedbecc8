package io.newsflow.app.dlq;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.RawArticle;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code newsflow dlq show}: one dead letter as readable lines: where it sits, its headers, stage, reason, message,
 * where the original came from, and the original itself: the summary fields of a raw or clean article (never the
 * whole page), else a UTF-8 and hex preview of its first bytes.
 */
public final class DeadLetterDescription {
    static final int PREVIEW_BYTES = 160;

    /** Reads an original value into an article; throws when it is not one. */
    public interface Decoder extends Function<byte[], Object> {}

    private DeadLetterDescription() {}

    /**
     * @param decoders per source topic, how to read the original value (the raw and clean topics' Avro readers)
     */
    public static List<String> lines(String topic, DlqPosition position, Map<String, String> headers,
            DeadLetter letter, Map<String, Decoder> decoders) {
        List<String> lines = new ArrayList<>();
        lines.add(topic + " " + position);
        lines.add("  stage          " + letter.getStage());
        lines.add("  reason         " + letter.getReason());
        lines.add("  error class    " + letter.getErrorClass());
        lines.add("  message        " + letter.getMessage());
        lines.add("  failed at      " + letter.getFailedAt());
        lines.add("  article id     " + (letter.getArticleId() == null ? "(none)" : letter.getArticleId()));
        lines.add("  original at    " + (letter.getSourceTopic() == null ? "(unknown)" : letter.getSourceTopic() + " "
                + letter.getSourcePartition() + ":" + letter.getSourceOffset()));
        lines.add("  headers");
        headers.forEach((name, value) -> lines.add("    " + name + " = " + value));
        lines.add("  original headers");
        letter.getOriginalHeaders().forEach((name, value) -> lines.add("    " + name + " = " + preview(bytes(value), 80)));
        lines.add("  original key   " + (letter.getOriginalKey() == null ? "(none)"
                : preview(bytes(letter.getOriginalKey()), 200)));
        lines.add("  original value " + body(letter, decoders));
        return lines;
    }

    private static String body(DeadLetter letter, Map<String, Decoder> decoders) {
        if (letter.getOriginalValue() == null) {
            return "(none)";
        }
        byte[] value = bytes(letter.getOriginalValue());
        Decoder decoder = letter.getSourceTopic() == null ? null : decoders.get(letter.getSourceTopic());
        if (decoder != null) {
            try {
                Object decoded = decoder.apply(value);
                if (decoded instanceof RawArticle raw) {
                    return "RawArticle, " + value.length + " bytes" + String.join("\n    ", "",
                            "id           " + raw.getId(), "url          " + raw.getUrl(),
                            "feed         " + raw.getFeedName() + " (" + raw.getFeedUrl() + ")",
                            "fetched at   " + raw.getFetchedAt(), "http status  " + raw.getHttpStatus(),
                            "content type " + raw.getContentType(),
                            "body         " + raw.getBody().remaining() + " bytes (" + raw.getBodySource() + ")",
                            "content hash " + raw.getContentHash());
                }
                if (decoded instanceof CleanArticle clean) {
                    return "CleanArticle, " + value.length + " bytes" + String.join("\n    ", "",
                            "id           " + clean.getId(), "title        " + clean.getTitle(),
                            "url          " + clean.getUrl(), "feed         " + clean.getFeedName(),
                            "language     " + clean.getLanguage(), "fetched at   " + clean.getFetchedAt(),
                            "text         " + clean.getText().length() + " characters, " + clean.getWordCount()
                                    + " words, " + clean.getSections().size() + " sections, "
                                    + clean.getStatements().size() + " statements",
                            "content hash " + clean.getContentHash());
                }
            } catch (RuntimeException e) {
                return value.length + " bytes, not readable as the topic's record (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + "): " + preview(value, PREVIEW_BYTES);
            }
        }
        return value.length + " bytes: " + preview(value, PREVIEW_BYTES);
    }

    /** The text when the bytes are printable UTF-8, else {@code hex ...} of the first {@code max} bytes. */
    static String preview(byte[] bytes, int max) {
        int n = Math.min(bytes.length, max);
        String more = bytes.length > n ? " … (" + bytes.length + " bytes)" : "";
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.codePoints().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                String shown = text.length() > max ? text.substring(0, max) : text;
                return "\"" + shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"" + more;
            }
        } catch (CharacterCodingException e) {
            // not text: hex below
        }
        return "hex " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, n) + more;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
