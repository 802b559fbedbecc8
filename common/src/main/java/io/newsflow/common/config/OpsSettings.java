package io.newsflow.common.config;

/**
 * Where a service serves {@code /health} and {@code /metrics}.
 *
 * @param host {@code ops.host}: the address to bind; 0.0.0.0 in containers
 * @param port the service's port: {@code ops.ingestPort} (9401), {@code ops.enrichPort} (9402),
 *     {@code ops.sinkPort} (9403); 0 picks a free port, -1 turns the endpoint off
 */
public record OpsSettings(String host, int port) {
    public static final int DISABLED = -1;

    /** Binds the ops settings of one service: {@code service} is ingest, enrich or sink. */
    public static OpsSettings from(ConfigNode root, String service, int defaultPort) {
        ConfigNode ops = root.section("ops");
        return new OpsSettings(ops.string("host", "127.0.0.1"), ops.integer(service + "Port", defaultPort, -1, 65535));
    }

    public boolean enabled() {
        return port != DISABLED;
    }
}
