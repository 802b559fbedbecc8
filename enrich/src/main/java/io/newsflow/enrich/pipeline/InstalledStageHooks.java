package io.newsflow.enrich.pipeline;

import java.util.List;
import java.util.ServiceLoader;

/** The {@link StageHook}s on the class path, loaded on first use, once per JVM. */
final class InstalledStageHooks {
    static final List<StageHook> HOOKS = ServiceLoader.load(StageHook.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    private InstalledStageHooks() {}
}
