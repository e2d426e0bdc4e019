/* spec/mqtt_as.md §18.1: what the watchdog needs to know about one network interface. */
package io.mqttas.watchdog.internal;

/** One non-loopback interface: its name, whether it carries traffic (up with an address), whether it is WLAN. */
public record InterfaceState(String name, boolean up, boolean wireless) {
}
