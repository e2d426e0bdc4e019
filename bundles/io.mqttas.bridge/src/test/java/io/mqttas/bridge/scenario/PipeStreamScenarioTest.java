/* The scenarios over the stream transport on a pair of OS pipes. */
package io.mqttas.bridge.scenario;

import io.mqttas.bridge.internal.Link;
import io.mqttas.bridge.internal.PipeOpener;
import io.mqttas.bridge.internal.StreamLink;

class PipeStreamScenarioTest extends BridgeScenarios {
    private final PipeOpener opener = new PipeOpener();

    @Override
    Link bridgeLink(String name) {
        return new StreamLink(name, opener, 4096, 64, 100);
    }

    @Override
    HostEnd hostEnd() throws Exception {
        PipeOpener.HostEnd pipes = opener.nextHostEnd();
        return new StreamHostEnd(pipes.fromBridge, pipes.toBridge, pipes);
    }
}
