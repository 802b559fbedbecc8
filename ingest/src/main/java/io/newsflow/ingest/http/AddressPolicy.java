package io.newsflow.ingest.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which IP addresses a fetch may connect to (the SSRF guard).
 *
 * <p>Only public unicast addresses pass by default. A feed that is explicitly allowed private addresses may also
 * reach loopback, private, link-local, shared (CGNAT) and benchmarking ranges, but never the cloud metadata
 * endpoints, multicast, broadcast, unspecified or otherwise reserved addresses. IPv6 addresses that embed an IPv4
 * address (mapped, compatible, NAT64, 6to4) are judged by the embedded address.
 */
public final class AddressPolicy {

    /** What kind of address something is; everything but {@link #PUBLIC} is refused by default. */
    public enum Category {
        PUBLIC(true),
        LOOPBACK(true),
        PRIVATE(true),
        LINK_LOCAL(true),
        SHARED_CGNAT(true),
        BENCHMARKING(true),
        CLOUD_METADATA(false),
        MULTICAST(false),
        UNSPECIFIED(false),
        BROADCAST(false),
        RESERVED(false);

        private final boolean allowedWithPrivateOverride;

        Category(boolean allowedWithPrivateOverride) {
            this.allowedWithPrivateOverride = allowedWithPrivateOverride;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Names that stand for internal services whatever DNS says about them. */
    private static final Set<String> METADATA_HOST_NAMES = Set.of("metadata.google.internal", "metadata.goog");

    private AddressPolicy() {
    }

    /**
     * Why connecting to {@code address} is refused, or empty when it is allowed.
     *
     * @param allowPrivate the feed's explicit override that permits private, loopback and link-local addresses
     */
    public static Optional<String> refusal(InetAddress address, boolean allowPrivate) {
        Category category = categorize(address);
        if (category == Category.PUBLIC || (allowPrivate && category.allowedWithPrivateOverride)) {
            return Optional.empty();
        }
        String hint = category.allowedWithPrivateOverride ? " (a feed may be allowed private addresses in config)" : "";
        return Optional.of(address.getHostAddress() + " is a " + category.label() + " address" + hint);
    }

    /** Why a host name is refused before any lookup (cloud metadata and localhost names), or empty. */
    public static Optional<String> nameRefusal(String host, boolean allowPrivate) {
        String name = normalizeName(host);
        if (METADATA_HOST_NAMES.contains(name)) {
            return Optional.of(name + " is a cloud metadata host");
        }
        if (!allowPrivate && (name.equals("localhost") || name.endsWith(".localhost"))) {
            return Optional.of(name + " is a loopback name (a feed may be allowed private addresses in config)");
        }
        return Optional.empty();
    }

    static String normalizeName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** The category of an address, judging IPv6 addresses that embed IPv4 by the embedded address. */
    public static Category categorize(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return categorizeV4(toInt(v4.getAddress(), 0));
        }
        return categorizeV6(((Inet6Address) address).getAddress());
    }

    private static Category categorizeV4(int ip) {
        if (ip == 0xA9FEA9FE) { // 169.254.169.254: AWS, GCP, Azure, OpenStack metadata
            return Category.CLOUD_METADATA;
        }
        if (ip == 0xFFFFFFFF) {
            return Category.BROADCAST;
        }
        if (in(ip, 0x00000000, 8)) {
            return Category.UNSPECIFIED; // "this network"; 0.0.0.0 reaches the local host on Linux
        }
        if (in(ip, 0x7F000000, 8)) {
            return Category.LOOPBACK;
        }
        if (in(ip, 0x0A000000, 8) || in(ip, 0xAC100000, 12) || in(ip, 0xC0A80000, 16)) {
            return Category.PRIVATE;
        }
        if (in(ip, 0x64400000, 10)) {
            return Category.SHARED_CGNAT;
        }
        if (in(ip, 0xA9FE0000, 16)) {
            return Category.LINK_LOCAL;
        }
        if (in(ip, 0xC6120000, 15)) {
            return Category.BENCHMARKING;
        }
        if (in(ip, 0xE0000000, 4)) {
            return Category.MULTICAST;
        }
        if (in(ip, 0xC0000000, 24) // IETF protocol assignments
                || in(ip, 0xC0000200, 24) // TEST-NET-1
                || in(ip, 0xC6336400, 24) // TEST-NET-2
                || in(ip, 0xCB007100, 24) // TEST-NET-3
                || in(ip, 0xC0586300, 24) // 6to4 relay anycast
                || in(ip, 0xF0000000, 4)) { // class E
            return Category.RESERVED;
        }
        return Category.PUBLIC;
    }

    private static Category categorizeV6(byte[] a) {
        if (isZero(a, 0, 16)) {
            return Category.UNSPECIFIED;
        }
        if (isZero(a, 0, 15) && a[15] == 1) {
            return Category.LOOPBACK;
        }
        if (equalsAt(a, 0, (byte) 0xfd, (byte) 0x00, (byte) 0x0e, (byte) 0xc2) && isZero(a, 4, 10)
                && a[14] == 0x02 && a[15] == 0x54) {
            return Category.CLOUD_METADATA; // fd00:ec2::254, the AWS metadata endpoint over IPv6
        }
        // Addresses carrying an IPv4 address inside: judge the IPv4 address.
        if (isZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return categorizeV4(toInt(a, 12)); // ::ffff:a.b.c.d mapped
        }
        if (isZero(a, 0, 12)) {
            return categorizeV4(toInt(a, 12)); // ::a.b.c.d compatible (deprecated)
        }
        if (equalsAt(a, 0, (byte) 0x00, (byte) 0x64, (byte) 0xff, (byte) 0x9b) && isZero(a, 4, 8)) {
            return categorizeV4(toInt(a, 12)); // 64:ff9b::/96 NAT64
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return categorizeV4(toInt(a, 2)); // 2002::/16 6to4
        }
        int first = a[0] & 0xff;
        if (first == 0xff) {
            return Category.MULTICAST;
        }
        if ((first & 0xfe) == 0xfc) {
            return Category.PRIVATE; // fc00::/7 unique local
        }
        if (first == 0xfe && (a[1] & 0xc0) == 0x80) {
            return Category.LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (a[1] & 0xc0) == 0xc0) {
            return Category.PRIVATE; // fec0::/10 site-local (deprecated)
        }
        if ((first & 0xe0) != 0x20) {
            return Category.RESERVED; // outside 2000::/3, the only global unicast block
        }
        if (equalsAt(a, 0, (byte) 0x20, (byte) 0x01, (byte) 0x0d, (byte) 0xb8)) {
            return Category.RESERVED; // 2001:db8::/32 documentation
        }
        if (first == 0x20 && a[1] == 0x01 && a[2] == 0x00 && (a[3] & 0xff) < 0x20) {
            return Category.RESERVED; // 2001::/27: Teredo (hides an IPv4 address), benchmarking, ORCHID
        }
        return Category.PUBLIC;
    }

    /**
     * Parses the IPv4 spellings that C's {@code inet_aton} (and so many resolvers and browsers) accept:
     * one to four parts, each decimal, octal (leading 0) or hex (0x), the last part filling the remaining bytes.
     * {@code 127.1}, {@code 0x7f000001}, {@code 2130706433} and {@code 0177.0.0.1} all mean 127.0.0.1.
     * Empty when the text is not such a literal (so it is a host name).
     */
    public static Optional<Inet4Address> parseLenientIpv4(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (text.isEmpty() || text.chars().anyMatch(c -> !(Character.isLetterOrDigit(c) || c == '.'))) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = parseInetAtonPart(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        long result = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            result |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        int lastBytes = 4 - (values.length - 1);
        if (last >= (1L << (8 * lastBytes))) {
            return Optional.empty();
        }
        result |= last;
        byte[] bytes = {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Long parseInetAtonPart(String part) {
        try {
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.startsWith("0x")) {
                return lower.length() == 2 ? 0L : parseBounded(lower.substring(2), 16);
            }
            if (lower.length() > 1 && lower.startsWith("0")) {
                return parseBounded(lower.substring(1), 8);
            }
            return parseBounded(lower, 10);
        } catch (NumberFormatException notNumeric) {
            return null;
        }
    }

    private static Long parseBounded(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 12) {
            return null;
        }
        return Long.parseLong(digits, radix);
    }

    private static boolean in(int ip, int network, int prefixLength) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (ip & mask) == (network & mask);
    }

    private static int toInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
    }

    private static boolean isZero(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsAt(byte[] bytes, int offset, byte... expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
