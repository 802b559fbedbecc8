package io.newsflow.ingest.feed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates feedparser's {@code Expect:} expressions (a small Python subset: and/or/not, ==, +, subscripts,
 * attributes, string/number/tuple/dict literals, len() and ord()) against a feedparser-shaped view of our result.
 * Anything the view does not model raises {@link Unsupported}, so such an expectation is counted as not verified
 * instead of passing or failing by accident.
 */
final class PythonExpectation {

    /** The expression needs something our model does not have (a key, a function). */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what);
        }
    }

    /** A value compared with == by a custom rule (encodings compare as charsets). */
    interface Comparable {
        boolean matches(Object other);
    }

    private final String source;
    private final List<String> tokens;
    private int position;
    private final Map<String, Object> names;

    private PythonExpectation(String source, Map<String, Object> names) {
        this.source = source;
        this.tokens = tokenize(source);
        this.names = names;
    }

    /** True or false, or throws {@link Unsupported}. */
    static boolean evaluate(String expression, Map<String, Object> names) {
        PythonExpectation parser = new PythonExpectation(expression, names);
        Object value = parser.orExpression(true);
        if (parser.position != parser.tokens.size()) {
            throw new IllegalArgumentException("trailing input in " + expression + " at " + parser.peek());
        }
        return truthy(value);
    }

    // Grammar, evaluated while parsing; "live" false parses a short-circuited branch without evaluating it.

    private Object orExpression(boolean live) {
        Object left = andExpression(live);
        while ("or".equals(peek())) {
            position++;
            boolean evaluateRight = live && !truthy(left);
            Object right = andExpression(evaluateRight);
            if (evaluateRight) {
                left = right;
            }
        }
        return left;
    }

    private Object andExpression(boolean live) {
        Object left = notExpression(live);
        while ("and".equals(peek())) {
            position++;
            boolean evaluateRight = live && truthy(left);
            Object right = notExpression(evaluateRight);
            if (evaluateRight) {
                left = right;
            }
        }
        return left;
    }

    private Object notExpression(boolean live) {
        if ("not".equals(peek())) {
            position++;
            Object value = notExpression(live);
            return live ? !truthy(value) : null;
        }
        return comparison(live);
    }

    private Object comparison(boolean live) {
        Object left = sum(live);
        if ("==".equals(peek())) {
            position++;
            Object right = sum(live);
            return live ? equal(left, right) : null;
        }
        return left;
    }

    private Object sum(boolean live) {
        Object left = postfix(live);
        while ("+".equals(peek())) {
            position++;
            Object right = postfix(live);
            if (live) {
                left = String.valueOf(left) + right;
            }
        }
        return left;
    }

    private Object postfix(boolean live) {
        Object value = atom(live);
        while (true) {
            String next = peek();
            if ("[".equals(next)) {
                position++;
                Object key = orExpression(live);
                expect("]");
                value = live ? subscript(value, key) : null;
            } else if (".".equals(next)) {
                position++;
                String name = tokens.get(position++);
                if ("(".equals(peek()) && name.equals("has_key")) {
                    position++;
                    Object key = orExpression(live);
                    expect(")");
                    value = live ? asMap(value, name).get(key) != null : null;
                } else {
                    value = live ? subscript(value, name) : null;
                }
            } else {
                return value;
            }
        }
    }

    private Object atom(boolean live) {
        String token = tokens.get(position++);
        if (token.startsWith("'") || token.startsWith("\"")) {
            return token.substring(1);
        }
        if (Character.isDigit(token.charAt(0))) {
            return Long.parseLong(token);
        }
        if (token.equals("(")) {
            List<Object> items = new ArrayList<>();
            items.add(orExpression(live));
            boolean tuple = false;
            while (",".equals(peek())) {
                position++;
                tuple = true;
                items.add(orExpression(live));
            }
            expect(")");
            return tuple ? items : items.get(0);
        }
        if (token.equals("{")) {
            Map<Object, Object> map = new LinkedHashMap<>();
            while (!"}".equals(peek())) {
                Object key = orExpression(live);
                expect(":");
                map.put(key, orExpression(live));
                if (",".equals(peek())) {
                    position++;
                }
            }
            expect("}");
            return map;
        }
        if ("(".equals(peek())) {
            position++;
            List<Object> arguments = new ArrayList<>();
            while (!")".equals(peek())) {
                arguments.add(orExpression(live));
                if (",".equals(peek())) {
                    position++;
                }
            }
            expect(")");
            return live ? call(token, arguments) : null;
        }
        if (!live) {
            return null;
        }
        if (!names.containsKey(token)) {
            throw new Unsupported("name " + token);
        }
        return names.get(token);
    }

    private static Object call(String function, List<Object> arguments) {
        return switch (function) {
            case "len" -> (long) (arguments.get(0) instanceof List<?> list ? list.size()
                    : String.valueOf(arguments.get(0)).length());
            case "ord" -> {
                String text = String.valueOf(arguments.get(0));
                if (text.codePointCount(0, text.length()) != 1) {
                    throw new IllegalStateException("ord() of " + text.length() + " characters");
                }
                yield (long) text.codePointAt(0);
            }
            default -> throw new Unsupported("function " + function + "()");
        };
    }

    private static Object subscript(Object container, Object key) {
        if (container instanceof List<?> list && key instanceof Long index) {
            if (index >= list.size()) {
                throw new IllegalStateException("index " + index + " beyond " + list.size() + " elements");
            }
            return list.get(index.intValue());
        }
        Map<?, ?> map = asMap(container, key);
        if (!map.containsKey(key)) {
            throw new Unsupported("key " + key);
        }
        return map.get(key);
    }

    private static Map<?, ?> asMap(Object container, Object key) {
        if (container instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalStateException("cannot look up " + key + " in " + container);
    }

    private static boolean equal(Object left, Object right) {
        if (left instanceof Comparable custom) {
            return custom.matches(right);
        }
        if (right instanceof Comparable custom) {
            return custom.matches(left);
        }
        return Objects.equals(left, right);
    }

    private static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Long n) {
            return n != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        return true;
    }

    private String peek() {
        return position < tokens.size() ? tokens.get(position) : null;
    }

    private void expect(String token) {
        if (!token.equals(peek())) {
            throw new IllegalArgumentException("expected " + token + " at token " + position + " of " + source);
        }
        position++;
    }

    /** Tokens; string literals come back as a quote character followed by the decoded value. */
    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                boolean triple = text.startsWith(String.valueOf(c).repeat(3), i);
                String close = triple ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int start = i + close.length();
                StringBuilder value = new StringBuilder();
                int j = start;
                while (!text.startsWith(close, j)) {
                    char d = text.charAt(j);
                    if (d == '\\') {
                        char e = text.charAt(j + 1);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 't' -> value.append('\t');
                            case 'r' -> value.append('\r');
                            case 'x' -> {
                                value.append((char) Integer.parseInt(text.substring(j + 2, j + 4), 16));
                                j += 2;
                            }
                            case 'u' -> {
                                value.append((char) Integer.parseInt(text.substring(j + 2, j + 6), 16));
                                j += 4;
                            }
                            default -> value.append(e);
                        }
                        j += 2;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                tokens.add("'" + value);
                i = j + close.length();
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            } else if (text.startsWith("==", i)) {
                tokens.add("==");
                i += 2;
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
