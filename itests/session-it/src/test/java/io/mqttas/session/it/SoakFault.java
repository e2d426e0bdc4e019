/*
 * Issue 9 item 17: every kind of fault the test kit can inject into a running client's world, each
 * with how to start it and how to end it. Network faults act on the client's link only (FaultProxy);
 * a broker restart (SIGTERM with persistence, so the broker keeps what it acknowledged) hits every
 * client; DNS faults (HostsFile) make the broker's name vanish, point at an address where nothing
 * listens, or make lookups hang, and drop the current connection so the client has to resolve again.
 */
package io.mqttas.session.it;

import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.HostsFile;
import io.mqttas.testkit.MosquittoBroker;

import java.time.Duration;
import java.util.Random;

enum SoakFault {
    /** One-shot RST of the current connection. */
    RESET_ONCE,
    /** Every connection, and every new one, reset for a while. */
    RESET,
    /** Half-open link: nothing moves either way, connections stay open. */
    BLACKHOLE,
    /** New connections closed at once (the current one reset first). */
    REFUSE,
    /** Each connection cut after a random number of bytes in a random direction. */
    DROP_AFTER,
    /** 100–400 ms added to every chunk. */
    DELAY,
    /** A slow link: 6–20 KB/s each way. */
    THROTTLE,
    /** Mosquitto stopped (SIGTERM: persistence saved) and started again on the same port. */
    BROKER_RESTART,
    /** The broker's name does not resolve (UnknownHostException), current connection dropped. */
    DNS_UNKNOWN_HOST,
    /** The broker's name resolves to 127.0.0.2, where nothing listens, current connection dropped. */
    DNS_WRONG_ADDRESS,
    /** The DNS does not answer: lookups block (HostsFile.hang) until the fault ends, current connection dropped. */
    DNS_HANG;

    /** Whether the fault always takes the client's connection down (so it must reconnect). */
    boolean breaksTheConnection() {
        return switch (this) {
            case RESET_ONCE, RESET, REFUSE, BROKER_RESTART, DNS_UNKNOWN_HOST, DNS_WRONG_ADDRESS -> true;
            default -> false; // a short black-hole, a cut after many bytes, delay and throttle may pass unnoticed
        };
    }

    /** Whether no connection may reach the broker's port while the fault is on (the name does not lead there). */
    boolean blocksResolution() {
        return this == DNS_UNKNOWN_HOST || this == DNS_WRONG_ADDRESS || this == DNS_HANG;
    }

    /** What the faults act on. */
    record World(FaultProxy proxy, MosquittoBroker broker, HostsFile dns, String brokerName) {
    }

    /** How long a fault stays on: 0.3–2.5 s, long enough for the client's 1 s response_time to notice. */
    Duration holdFor(Random random) {
        return Duration.ofMillis(this == RESET_ONCE ? 0 : 300 + random.nextInt(2200));
    }

    void inject(World w, Random random) {
        switch (this) {
            case RESET_ONCE -> w.proxy().resetConnections();
            case RESET -> w.proxy().reset();
            case BLACKHOLE -> w.proxy().blackhole();
            case REFUSE -> w.proxy().refuse().resetConnections();
            case DROP_AFTER -> w.proxy().dropAfter(random.nextBoolean() ? FaultProxy.Direction.TO_BROKER
                    : FaultProxy.Direction.TO_CLIENT, random.nextInt(4000));
            case DELAY -> w.proxy().delay(Duration.ofMillis(100 + random.nextInt(300)));
            case THROTTLE -> w.proxy().throttle(6_000 + random.nextInt(14_000));
            case BROKER_RESTART -> w.broker().stop();
            case DNS_UNKNOWN_HOST -> {
                w.dns().remove(w.brokerName());
                w.proxy().resetConnections();
            }
            case DNS_WRONG_ADDRESS -> {
                w.dns().map(w.brokerName(), "127.0.0.2");
                w.proxy().resetConnections();
            }
            case DNS_HANG -> {
                w.dns().hang();
                w.proxy().resetConnections();
            }
            default -> throw new IllegalStateException(name());
        }
    }

    void clear(World w) {
        switch (this) {
            case RESET_ONCE -> { }
            case RESET, BLACKHOLE, REFUSE, DROP_AFTER -> w.proxy().pass();
            case DELAY -> w.proxy().delay(Duration.ZERO);
            case THROTTLE -> w.proxy().throttle(0);
            case BROKER_RESTART -> w.broker().startAgain();
            case DNS_UNKNOWN_HOST, DNS_WRONG_ADDRESS -> w.dns().map(w.brokerName(), "127.0.0.1");
            case DNS_HANG -> w.dns().release();
            default -> throw new IllegalStateException(name());
        }
    }
}
