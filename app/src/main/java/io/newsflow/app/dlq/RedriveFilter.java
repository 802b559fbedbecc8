package io.newsflow.app.dlq;

import java.util.Optional;
import java.util.Set;

/**
 * Which dead letters a redrive asks for: reasons (none = every reason), failure time, source topic (none = any).
 */
public record RedriveFilter(Set<String> reasons, TimeWindow window, Optional<String> sourceTopic) {

    public RedriveFilter {
        reasons = Set.copyOf(reasons);
    }

    public static final RedriveFilter ALL = new RedriveFilter(Set.of(), TimeWindow.ALL, Optional.empty());

    public boolean selects(DeadLetterFacts facts) {
        return (reasons.isEmpty() || reasons.contains(facts.reason()))
                && window.contains(facts.failedAt())
                && sourceTopic.map(topic -> topic.equals(facts.sourceTopic())).orElse(true);
    }
}
