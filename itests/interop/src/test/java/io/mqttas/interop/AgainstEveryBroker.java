/* Issue 13 item 8: marks an interoperability case that runs once per selected broker (Broker.selected()). */
package io.mqttas.interop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The case's one parameter, a {@link BrokerCase}, names the broker and hands out the shared running
 * instance. (A parameterised test per method rather than a parameterised class: Surefire 3.5.2 reports
 * "Tests run: 0" for JUnit's class templates.)
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ArgumentsSource(SharedBrokers.class)
public @interface AgainstEveryBroker {
}
