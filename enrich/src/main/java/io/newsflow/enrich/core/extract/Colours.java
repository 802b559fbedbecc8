package io.newsflow.enrich.core.extract;

import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Attributes;

/**
 * Text a reader cannot see because of its colour: an inline {@code color} (or {@code <font color>}) too close to
 * the background it sits on, the nearest inline or attribute background ({@code background-color},
 * {@code background}, {@code bgcolor}) of the element or an ancestor, else the browser's white. Contrast is WCAG's
 * ratio of relative luminances; below {@link #MIN_CONTRAST} (lighter than about #e6e6e6 on white) text is
 * invisible in practice. A background image, a half-transparent background or a colour not understood leaves the
 * background unknown, and nothing on it is judged.
 */
final class Colours {
    static final int WHITE = 0xFFFFFF;
    /** A background this code cannot tell (an image, a colour it does not know): text on it is not judged. */
    static final int UNKNOWN = -1;
    /** Not a colour but "no colour": fully transparent. */
    static final int TRANSPARENT = -2;
    static final double MIN_CONTRAST = 1.25;

    private static final Map<String, Integer> NAMED = Map.ofEntries(
            Map.entry("white", 0xFFFFFF), Map.entry("snow", 0xFFFAFA), Map.entry("ivory", 0xFFFFF0),
            Map.entry("ghostwhite", 0xF8F8FF), Map.entry("whitesmoke", 0xF5F5F5), Map.entry("seashell", 0xFFF5EE),
            Map.entry("floralwhite", 0xFFFAF0), Map.entry("mintcream", 0xF5FFFA), Map.entry("azure", 0xF0FFFF),
            Map.entry("aliceblue", 0xF0F8FF), Map.entry("honeydew", 0xF0FFF0), Map.entry("linen", 0xFAF0E6),
            Map.entry("lavenderblush", 0xFFF0F5), Map.entry("oldlace", 0xFDF5E6), Map.entry("beige", 0xF5F5DC),
            Map.entry("lightyellow", 0xFFFFE0), Map.entry("cornsilk", 0xFFF8DC), Map.entry("gainsboro", 0xDCDCDC),
            Map.entry("black", 0x000000), Map.entry("gray", 0x808080), Map.entry("grey", 0x808080),
            Map.entry("silver", 0xC0C0C0), Map.entry("red", 0xFF0000), Map.entry("blue", 0x0000FF),
            Map.entry("navy", 0x000080), Map.entry("green", 0x008000), Map.entry("yellow", 0xFFFF00),
            Map.entry("orange", 0xFFA500), Map.entry("purple", 0x800080), Map.entry("maroon", 0x800000));

    private Colours() {}

    /** The background an element paints for its content, given its parent's. */
    static int background(Attributes attributes, int parentBackground) {
        String bgcolor = attributes.get("bgcolor");
        int own = bgcolor.isEmpty() ? TRANSPARENT : parse(bgcolor.strip().toLowerCase(Locale.ROOT));
        String style = attributes.get("style");
        if (!style.isEmpty()) {
            String css = style.toLowerCase(Locale.ROOT);
            String shorthand = property(css, "background");
            if (shorthand != null) {
                own = shorthand.contains("url(") || shorthand.contains("gradient") ? UNKNOWN : firstColour(shorthand);
            }
            String colour = property(css, "background-color");
            if (colour != null) {
                own = parse(colour);
            }
        }
        return own == TRANSPARENT ? parentBackground : own;
    }

    /** Whether the element's own text colour makes its text invisible on {@code background}. */
    static boolean hidesText(Attributes attributes, String tag, int background) {
        int colour = UNKNOWN;
        if (tag.equals("font")) {
            String attribute = attributes.get("color");
            if (!attribute.isEmpty()) {
                colour = parse(attribute.strip().toLowerCase(Locale.ROOT));
            }
        }
        String style = attributes.get("style");
        if (!style.isEmpty()) {
            String css = style.toLowerCase(Locale.ROOT);
            if (css.contains("background-clip") || css.contains("text-fill")) {
                return false; // gradient text: the colour shows through transparent letters
            }
            String value = property(css, "color");
            if (value != null) {
                colour = parse(value);
            }
        }
        if (colour == TRANSPARENT) {
            return true;
        }
        return colour >= 0 && background >= 0 && contrast(colour, background) < MIN_CONTRAST;
    }

    /** WCAG 2 contrast ratio, 1 (same colour) to 21 (black on white). */
    static double contrast(int a, int b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(int rgb) {
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xFF) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** The value of the last declaration of {@code name} in a lower-cased style, {@code !important} dropped. */
    private static String property(String css, String name) {
        String found = null;
        int from = 0;
        while (true) {
            int at = css.indexOf(name, from);
            if (at < 0) {
                return found;
            }
            from = at + name.length();
            int before = at - 1;
            while (before >= 0 && css.charAt(before) == ' ') {
                before--;
            }
            int colon = from;
            while (colon < css.length() && css.charAt(colon) == ' ') {
                colon++;
            }
            if ((before >= 0 && css.charAt(before) != ';') || colon >= css.length() || css.charAt(colon) != ':') {
                continue; // "background-color" when looking for "color", or a value that names it
            }
            int end = css.indexOf(';', colon);
            String value = css.substring(colon + 1, end < 0 ? css.length() : end).strip();
            int bang = value.indexOf('!');
            found = bang < 0 ? value : value.substring(0, bang).strip();
        }
    }

    private static int firstColour(String shorthand) {
        for (String token : shorthand.split(" (?![^(]*\\))")) {
            int colour = parse(token);
            if (colour != UNKNOWN) {
                return colour;
            }
        }
        return TRANSPARENT; // "background: none", or only positions and repeats
    }

    /** A colour as 0xRRGGBB, {@link #TRANSPARENT}, or {@link #UNKNOWN} (half-transparent or not understood). */
    static int parse(String value) {
        if (value.isEmpty()) {
            return UNKNOWN;
        }
        if (value.equals("transparent")) {
            return TRANSPARENT;
        }
        if (value.charAt(0) == '#') {
            return hex(value.substring(1));
        }
        if (value.startsWith("rgb")) {
            return functional(value);
        }
        return NAMED.getOrDefault(value, UNKNOWN);
    }

    private static int hex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                return UNKNOWN;
            }
        }
        return switch (digits.length()) {
            case 3, 4 -> {
                if (digits.length() == 4 && digits.charAt(3) != 'f') {
                    yield digits.charAt(3) == '0' ? TRANSPARENT : UNKNOWN;
                }
                int r = Character.digit(digits.charAt(0), 16);
                int g = Character.digit(digits.charAt(1), 16);
                int b = Character.digit(digits.charAt(2), 16);
                yield (r * 17) << 16 | (g * 17) << 8 | b * 17;
            }
            case 6 -> Integer.parseInt(digits, 16);
            case 8 -> {
                int alpha = Integer.parseInt(digits.substring(6), 16);
                yield alpha == 0 ? TRANSPARENT : alpha == 255 ? Integer.parseInt(digits.substring(0, 6), 16) : UNKNOWN;
            }
            default -> UNKNOWN;
        };
    }

    /** {@code rgb(1, 2, 3)}, {@code rgba(1,2,3,0.5)}, {@code rgb(1 2 3 / 50%)}. */
    private static int functional(String value) {
        int open = value.indexOf('(');
        int close = value.indexOf(')');
        if (open < 0 || close < open) {
            return UNKNOWN;
        }
        String[] parts = value.substring(open + 1, close).trim().split("\\s*[,/]\\s*|\\s+");
        if (parts.length < 3) {
            return UNKNOWN;
        }
        try {
            int rgb = 0;
            for (int i = 0; i < 3; i++) {
                int c = (int) Math.round(Double.parseDouble(parts[i]));
                rgb = rgb << 8 | Math.clamp(c, 0, 255);
            }
            if (parts.length > 3) {
                String a = parts[3];
                double alpha = a.endsWith("%") ? Double.parseDouble(a.substring(0, a.length() - 1)) / 100
                        : Double.parseDouble(a);
                return alpha <= 0 ? TRANSPARENT : alpha >= 1 ? rgb : UNKNOWN;
            }
            return rgb;
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }
}
