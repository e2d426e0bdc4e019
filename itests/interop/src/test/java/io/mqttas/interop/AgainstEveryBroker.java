/* Issue 13 item 8: marks a suite that runs once per selected broker (Broker.selected()), sharing each broker. */
package io.mqttas.interop;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The suite class runs once per broker; its {@code @Parameter Broker kind} field names the broker. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@MethodSource("io.mqttas.interop.Broker#selected")
@ExtendWith(SharedBrokers.class)
public @interface AgainstEveryBroker {
}
