package io.newsflow.stack.junit;

import io.newsflow.stack.Server;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The servers a test class needs from {@link StackExtension} (default: all three). The JVM's one stack starts with
 * the first class's servers and adds what a later class needs, so a module whose tests never touch Elasticsearch
 * does not pay for it.
 *
 * <pre>{@code
 * @ExtendWith(StackExtension.class)
 * @StackServers({Server.KAFKA, Server.REGISTRY})
 * class CleanArticleOverKafkaIT { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StackServers {

    Server[] value();
}
