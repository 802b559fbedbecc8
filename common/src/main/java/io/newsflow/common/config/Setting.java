package io.newsflow.common.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One setting, declared once: its key within its section, default, allowed values and a one-line meaning. The
 * binders read through it ({@link #read}), the defaults records take {@link #defaultValue()} from it, and
 * docs/configuration.md's tables are generated from it ({@link SettingsSection#markdownRows()}), so the three
 * cannot drift apart.
 *
 * <p>Reading never throws: a value of the wrong type or outside the allowed range is recorded as a problem on the
 * config source (with file and line) and the default is returned, so binding goes on and every problem is
 * reported at once.
 *
 * @param <T> the bound type
 */
public final class Setting<T> {
    /** Reads the raw value of {@code key} from a section, {@code defaultValue} when it is not set. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(ConfigNode section, String key, T defaultValue);
    }

    private record Check<T>(Predicate<T> valid, Function<T, String> message) {}

    private final String key;
    private final T defaultValue;
    private final String defaultText;
    private final String allowed;
    private final String doc;
    private final Reader<T> reader;
    private final List<Check<T>> checks;

    private Setting(String key, T defaultValue, String defaultText, String allowed, String doc, Reader<T> reader,
            List<Check<T>> checks) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.allowed = allowed;
        this.doc = Objects.requireNonNull(doc, "doc");
        this.reader = reader;
        this.checks = List.copyOf(checks);
    }

    private static <T> Setting<T> of(String key, T defaultValue, String allowed, String doc, Reader<T> reader) {
        return new Setting<>(key, defaultValue, show(defaultValue), allowed, doc, reader, List.of());
    }

    public static Setting<String> string(String key, String defaultValue, String doc) {
        return of(key, defaultValue, "", doc, ConfigNode::string);
    }

    /** A string with no default: absent reads as empty. */
    public static Setting<Optional<String>> optionalString(String key, String doc) {
        return of(key, Optional.empty(), "", doc, (node, k, d) -> node.optionalString(k));
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String doc) {
        return of(key, defaultValue, range(min, max), doc, (node, k, d) -> node.integer(k, d, min, max));
    }

    public static Setting<Long> longValue(String key, long defaultValue, long min, long max, String doc) {
        return of(key, defaultValue, range(min, max), doc, (node, k, d) -> node.longValue(k, d, min, max));
    }

    public static Setting<Double> decimal(String key, double defaultValue, double min, double max, String doc) {
        return of(key, defaultValue, range(min, max), doc, (node, k, d) -> node.decimal(k, d, min, max));
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String doc) {
        return of(key, defaultValue, "`true`, `false`", doc, ConfigNode::bool);
    }

    /** A duration of any length; narrow it with {@link #atLeast}, {@link #between} or {@link #positive}. */
    public static Setting<Duration> duration(String key, Duration defaultValue, String doc) {
        return of(key, defaultValue, "a duration", doc, ConfigNode::duration);
    }

    /** A YAML list, or one comma-separated value. */
    public static Setting<List<String>> strings(String key, List<String> defaultValue, String doc) {
        return of(key, List.copyOf(defaultValue), "a list", doc, ConfigNode::strings);
    }

    /** Free-form {@code key: value} pairs (the environment gives them as {@code k=v;k=v}). */
    public static Setting<Map<String, String>> map(String key, String doc) {
        return of(key, Map.of(), "`key: value` pairs", doc, (node, k, d) -> node.map(k));
    }

    public static <E extends Enum<E>> Setting<E> enumValue(String key, Class<E> type, E defaultValue, String doc) {
        String values = Arrays.stream(type.getEnumConstants()).map(Setting::show).collect(Collectors.joining(", "));
        return of(key, defaultValue, values, doc, (node, k, d) -> node.enumValue(k, type, d));
    }

    /** The same setting with a further rule; a value breaking it is a problem and reads as the default. */
    public Setting<T> check(Predicate<T> valid, String allowedText, Function<T, String> message) {
        List<Check<T>> more = new ArrayList<>(checks);
        more.add(new Check<>(valid, message));
        String joined = allowed.isEmpty() || allowed.equals("a duration") ? allowedText : allowed + "; " + allowedText;
        return new Setting<>(key, defaultValue, defaultText, joined, doc, reader, more);
    }

    /** The default as the docs show it, when it is computed at start-up ({@code <ledgerTopic>.group}). */
    public Setting<T> defaultShownAs(String text) {
        return new Setting<>(key, defaultValue, text, allowed, doc, reader, checks);
    }

    @SuppressWarnings("unchecked")
    private Setting<Duration> asDuration() {
        if (!(defaultValue instanceof Duration)) {
            throw new IllegalStateException(key + " is not a duration setting");
        }
        return (Setting<Duration>) this;
    }

    /** A duration no shorter than {@code least}. */
    public Setting<Duration> atLeast(Duration least) {
        return asDuration().check(d -> d.compareTo(least) >= 0, "≥ " + Durations.format(least),
                d -> Durations.format(d) + " is too short; the least is " + Durations.format(least));
    }

    /** A duration from {@code min} to {@code max}, both included. */
    public Setting<Duration> between(Duration min, Duration max) {
        return asDuration().check(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0,
                Durations.format(min) + " to " + Durations.format(max),
                d -> Durations.format(d) + " is out of range; allowed " + Durations.format(min) + " to "
                        + Durations.format(max));
    }

    /** A duration longer than zero. */
    public Setting<Duration> positive() {
        return asDuration().check(d -> !d.isZero() && !d.isNegative(), "> 0",
                d -> "must be longer than zero, got " + Durations.format(d));
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the docs show it. */
    public String defaultText() {
        return defaultText;
    }

    /** The allowed values as the docs show them, or empty when any value of the type goes. */
    public String allowed() {
        return allowed;
    }

    public String doc() {
        return doc;
    }

    /** Binds this setting of {@code section}: the environment, else the file, else the default. */
    public T read(ConfigNode section) {
        return readOr(section, defaultValue);
    }

    /** {@link #read} with a default computed at start-up (see {@link #defaultShownAs}). */
    public T readOr(ConfigNode section, T computedDefault) {
        T value = reader.read(section, key, computedDefault);
        for (Check<T> check : checks) {
            if (value != null && !check.valid().test(value)) {
                section.problem(key, check.message().apply(value));
                return computedDefault;
            }
        }
        return value;
    }

    private static String range(Number min, Number max) {
        return number(min) + " to " + number(max);
    }

    private static String show(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(Setting::show).orElse("none");
        }
        if (value instanceof Duration duration) {
            return "`" + Durations.format(duration) + "`";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : "`" + list.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "`";
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "none" : "`" + map + "`";
        }
        if (value instanceof Enum<?> constant) {
            return "`" + constant.name().toLowerCase(Locale.ROOT) + "`";
        }
        if (value instanceof Number number) {
            return "`" + number(number) + "`";
        }
        return value == null ? "none" : "`" + value + "`";
    }

    private static String number(Number value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return key;
    }
}
