package io.newsflow.common.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Binds YAML data files onto records with Jackson's YAML module. Binding does not stop at the first mistake where
 * Jackson can read on (an unknown key, a value of the wrong type): every such problem is collected with its file,
 * line and path, and the field is left null for the caller's own checks. {@link Located} gives a record the line
 * and path of an element, for problems the caller finds while validating it.
 */
public final class YamlBinding {
    // YAML 1.1's yes/no/on/off stay words: "no" is an entry of a lexicon, not false
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    // The config file: SnakeYAML's composer already reports keys set twice, so Jackson does not stop at them
    private static final ObjectMapper LENIENT_DUPLICATES = YAML.copy()
            .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private YamlBinding() {}

    /** One thing wrong with a data file: {@code rules.yml:12: rules[3].minDensity: must be ...}. */
    public record Problem(String source, int line, String path, String message) {
        @Override
        public String toString() {
            String at = line > 0 ? source + ":" + line : source;
            return path.isEmpty() ? at + ": " + message : at + ": " + path + ": " + message;
        }
    }

    /**
     * What a file bound to: the value (null when the file is empty or not YAML), every problem found, and the line of
     * every key by its path ({@code rules[2].minDensity}), for the caller's own problems.
     */
    public record Bound<T>(T value, List<Problem> problems, Map<String, Integer> keyLines) {
        public Bound {
            problems = List.copyOf(problems);
            keyLines = Map.copyOf(keyLines);
        }

        /** The line the key at {@code path} is written on, or {@code fallback} when it is not in the file. */
        public int lineOf(String path, int fallback) {
            return keyLines.getOrDefault(path, fallback);
        }
    }

    /**
     * An element of a file with where it was written: the line its value starts on and its path from the top of
     * the file ({@code rules[2]}).
     */
    @JsonDeserialize(using = LocatedDeserializer.class)
    public record Located<T>(T value, int line, String path) {}

    /** Binds {@code text} (named {@code source} in problems) onto {@code type}. */
    public static <T> Bound<T> bind(String source, String text, Class<T> type) {
        List<Problem> problems = new ArrayList<>();
        T value = null;
        Map<String, Integer> keyLines = keyLines(text);
        try {
            if (isEmpty(text)) {
                return new Bound<>(null, problems, keyLines);
            }
            value = YAML.readerFor(type).withHandler(new Collecting(source, problems, keyLines, UNKNOWN_KEY))
                    .readValue(text);
        } catch (JsonProcessingException e) {
            MarkedYAMLException syntax = syntaxError(e);
            if (syntax != null) {
                int line = syntax.getProblemMark() != null ? syntax.getProblemMark().getLine() + 1 : line(e.getLocation());
                problems.add(new Problem(source, line, "", "not valid YAML: " + syntax.getProblem()));
            } else if (e instanceof JsonMappingException mapping) {
                problems.add(new Problem(source, line(e.getLocation()), path(mapping.getPath()),
                        e.getOriginalMessage()));
            } else {
                problems.add(new Problem(source, line(e.getLocation()), "", "not valid YAML: " + e.getOriginalMessage()));
            }
        } catch (IOException e) {
            problems.add(new Problem(source, 0, "", "cannot be read: " + e.getMessage()));
        }
        return new Bound<>(value, problems, keyLines);
    }

    /** How an unknown key is worded by default: the key, then the keys the record knows. */
    private static final BiFunction<String, Collection<String>, String> UNKNOWN_KEY = (key, known) ->
            "unknown key '" + key + "'" + (known.isEmpty() ? "" : " (expected one of " + String.join(", ", known) + ")");

    /**
     * Binds the value at {@code path} of a document ({@code ingest.feeds}) onto {@code type}, lines and paths
     * counted from the top of the document; null when the document has no value there. Keys set twice are left to
     * the caller (the config file reports them itself).
     *
     * @param unknownKey words the problem of an unknown key, given the key and the keys the record knows (sorted)
     */
    public static <T> Bound<T> bindAt(String source, String text, String path, TypeReference<T> type,
            BiFunction<String, Collection<String>, String> unknownKey) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> keyLines = keyLines(text);
        T value = null;
        try (JsonParser p = LENIENT_DUPLICATES.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME && t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT
                        && path.equals(path(p))) {
                    value = LENIENT_DUPLICATES.readerFor(type)
                            .withHandler(new Collecting(source, problems, keyLines, unknownKey)).readValue(p);
                    break;
                }
            }
        } catch (JsonMappingException e) {
            String within = path(e.getPath());
            String at = within.isEmpty() ? path : within.startsWith("[") ? path + within : path + "." + within;
            problems.add(new Problem(source, line(e.getLocation()), at, e.getOriginalMessage()));
        } catch (IOException e) {
            // not YAML: the caller's own parse reported it with its line
        }
        return new Bound<>(value, problems, keyLines);
    }

    /**
     * The content of a YAML document independent of how it is written: JSON with the keys of every mapping sorted,
     * so that comments, whitespace, quoting style and key order do not change it, while any value or list order does.
     * A document of comments only is the empty string.
     *
     * @throws IllegalArgumentException when the text is not YAML
     */
    public static String canonical(String text) {
        try {
            if (isEmpty(text)) {
                return "";
            }
            Object tree = YAML.readValue(text, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (IOException e) {
            MarkedYAMLException syntax = syntaxError(e);
            throw new IllegalArgumentException("not valid YAML: "
                    + (syntax != null ? syntax.getProblem() : e.getMessage()), e);
        }
    }

    /** A file of comments only, or of nothing. */
    private static boolean isEmpty(String text) throws IOException {
        try (JsonParser p = YAML.createParser(text)) {
            return p.nextToken() == null;
        }
    }

    /** The line of every key by its path, for problems Jackson reports where the parser no longer knows it. */
    private static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(path(p), line(p.currentTokenLocation()));
                }
            }
        } catch (IOException e) {
            // not YAML: binding reports it with its line
        }
        return lines;
    }

    private static MarkedYAMLException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                appendName(out, r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The path of the value the parser stands on (a container's own path, not that of its first element). */
    static String path(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.currentToken() == JsonToken.START_ARRAY || p.currentToken() == JsonToken.START_OBJECT) {
            context = context.getParent();
        }
        return path(context);
    }

    static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                out.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
            } else if (c.getCurrentName() != null) {
                appendName(out, c.getCurrentName());
            }
        }
        return out.toString();
    }

    private static void appendName(StringBuilder out, String name) {
        if (!out.isEmpty()) {
            out.append('.');
        }
        out.append(name);
    }

    /** Records what Jackson could read past and lets it go on. */
    private static final class Collecting extends DeserializationProblemHandler {
        private final String source;
        private final List<Problem> problems;
        private final Map<String, Integer> keyLines;
        private final BiFunction<String, Collection<String>, String> unknownKey;

        Collecting(String source, List<Problem> problems, Map<String, Integer> keyLines,
                BiFunction<String, Collection<String>, String> unknownKey) {
            this.source = source;
            this.problems = problems;
            this.keyLines = keyLines;
            this.unknownKey = unknownKey;
        }

        private void add(JsonParser p, String message) {
            problems.add(new Problem(source, line(p.currentTokenLocation()), path(p), message));
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            Collection<Object> known = deserializer.getKnownPropertyNames();
            // A record's unknown keys reach here from a token buffer, after its closing: find the key by its path.
            JsonParser at = p.currentTokenLocation().getLineNr() > 0 ? p : ctxt.getParser();
            String path = path(at);
            if (!path.endsWith(propertyName)) {
                path = path.isEmpty() ? propertyName : path + "." + propertyName;
            }
            int line = keyLines.getOrDefault(path, line(at.currentTokenLocation()));
            Collection<String> names = new TreeSet<>();
            if (known != null) {
                known.forEach(name -> names.add(String.valueOf(name)));
            }
            if (names.isEmpty() && beanOrClass != null) {
                // a class bound through a creator lists its keys only in its description
                Class<?> raw = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
                ctxt.getConfig().introspect(ctxt.constructType(raw)).findProperties()
                        .forEach(property -> names.add(property.getName()));
            }
            problems.add(new Problem(source, line, path, unknownKey.apply(propertyName, names)));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                String failureMsg) throws IOException {
            add(p, "expected " + describe(targetType) + ", not " + describe(t));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                String failureMsg) {
            add(ctxt.getParser(), "'" + valueToConvert + "' is not " + describe(ctxt.constructType(targetType)));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                String failureMsg) {
            add(ctxt.getParser(), "'" + valueToConvert + "' is not " + describe(ctxt.constructType(targetType)));
            return null;
        }

        private static String describe(JavaType type) {
            Class<?> raw = type.getRawClass();
            if (type.isCollectionLikeType() || raw.isArray()) {
                return "a list";
            }
            if (type.isMapLikeType() || raw.isRecord()) {
                return "a mapping (key: value)";
            }
            if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
                return "a whole number";
            }
            if (Number.class.isAssignableFrom(raw) || raw == double.class) {
                return "a number";
            }
            if (raw == Boolean.class || raw == boolean.class) {
                return "true or false";
            }
            return "a single value";
        }

        private static String describe(JsonToken t) {
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a mapping";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                default -> "a single value";
            };
        }
    }

    /** Reads the value a {@link Located} wraps, noting the line and path it starts at. */
    static final class LocatedDeserializer extends JsonDeserializer<Located<?>> implements ContextualDeserializer {
        private final JavaType valueType;

        LocatedDeserializer() {
            this(null);
        }

        private LocatedDeserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType wrapper = ctxt.getContextualType() != null ? ctxt.getContextualType() : property.getType();
            JavaType inner = wrapper.containedTypeCount() > 0 ? wrapper.containedType(0) : ctxt.constructType(Object.class);
            return new LocatedDeserializer(inner);
        }

        @Override
        public Located<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            int line = line(p.currentTokenLocation());
            String path = path(p);
            Object value = ctxt.readValue(p, valueType);
            return new Located<>(value, line, path);
        }
    }
}
