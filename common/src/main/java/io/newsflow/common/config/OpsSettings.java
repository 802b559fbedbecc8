package io.newsflow.common.config;

import java.util.Map;

/**
 * Where a service serves {@code /health} and {@code /metrics}.
 *
 * @param host {@code ops.host}: the address to bind; 0.0.0.0 in containers
 * @param port the service's port: {@code ops.ingestPort}, {@code ops.enrichPort}, {@code ops.sinkPort}; 0 picks a
 *     free port, -1 turns the endpoint off
 */
public record OpsSettings(String host, int port) {
    public static final int DISABLED = -1;

    public static final Setting<String> HOST = Setting.string("host", "127.0.0.1",
            "address the health/metrics endpoints bind (`0.0.0.0` in containers)");
    private static final Map<String, Setting<Integer>> PORTS = Map.of(
            "ingest", port("ingest", 9401), "enrich", port("enrich", 9402), "sink", port("sink", 9403));
    public static final SettingsSection SECTION = SettingsSection.of("ops",
            HOST, PORTS.get("ingest"), PORTS.get("enrich"), PORTS.get("sink"));

    private static Setting<Integer> port(String service, int defaultPort) {
        return Setting.integer(service + "Port", defaultPort, DISABLED, 65535,
                "`GET /health`, `GET /metrics` of " + service + "; `0` = any free port, `-1` = off");
    }

    /** Binds the ops settings of one service: {@code service} is ingest, enrich or sink. */
    public static OpsSettings from(ConfigNode root, String service) {
        Setting<Integer> port = PORTS.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service " + service + "; ingest, enrich or sink");
        }
        ConfigNode ops = SECTION.node(root);
        return new OpsSettings(HOST.read(ops), port.read(ops));
    }

    public boolean enabled() {
        return port != DISABLED;
    }
}
