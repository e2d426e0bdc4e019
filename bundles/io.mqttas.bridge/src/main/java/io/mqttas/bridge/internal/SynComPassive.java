/* spec/bridge.md §3.2–§3.4: the passive end of the SynCom link, bit for bit. */
package io.mqttas.bridge.internal;

/**
 * The passive SynCom state machine, without pins or threads. The passive side may step when its
 * clock input differs from its {@link #phase()}; a step samples one bit, returns the bit to drive
 * and toggles the phase (the caller then drives the clock output to the new phase).
 *
 * <p>Before synchronisation every sampled bit enters an 8-bit window ({@code (w | bit << 8) >> 1})
 * and the SYN byte 0x9D is sent once, least significant bit first, then zeros. When the window
 * equals SYN the side is synchronised; from the next step on, characters are 7 bits, LSB first,
 * back to back. The passive completes a received character on the first step of each of its own
 * transmit slots; the first character completed after synchronisation is the initiator's padding
 * bit plus zeros and is discarded as idle (spec §3.4).
 */
public final class SynComPassive {
    /** The synchronisation byte. */
    public static final int SYN = 0x9D;

    /** Where characters come from and go to. */
    public interface CharPort {
        /** The next character to send (0 = idle or end of message); called once per 7-bit slot. */
        int nextCharToSend();

        /** A received character (0..127), in order; idle zeros included. */
        void charReceived(int c);
    }

    private final CharPort port;
    private boolean phase;
    private int window;
    private boolean synced;
    private int synShift;
    private int slot;
    private int rxChar;
    private int txChar;
    private boolean firstSlot;
    private long steps;

    public SynComPassive(CharPort port) {
        this.port = port;
        restart();
    }

    /** Back to the start-up state (spec §3.3 step 1): phase 0, nothing received, SYN pending. */
    public void restart() {
        phase = false;
        window = 0;
        synced = false;
        synShift = SYN;
        slot = 0;
        rxChar = 0;
        txChar = 0;
        firstSlot = true;
        steps = 0;
    }

    /** The level last driven on the clock output. */
    public boolean phase() {
        return phase;
    }

    /** Whether the passive may take a step now: the initiator has moved its clock to a new level. */
    public boolean mayStep(boolean clockIn) {
        return clockIn != phase;
    }

    public boolean synced() {
        return synced;
    }

    /** Steps taken since the last restart. */
    public long steps() {
        return steps;
    }

    /** One step: {@code rxBit} is the sampled data input; returns the level to drive on the data output. */
    public boolean step(boolean rxBit) {
        int bit = rxBit ? 1 : 0;
        boolean out;
        steps++;
        if (!synced) {
            window = (window | bit << 8) >> 1;
            out = (synShift & 1) != 0;
            synShift >>= 1;
            if (window == SYN) {
                synced = true;
                slot = 0;
                rxChar = 0;
                firstSlot = true;
            }
        } else {
            rxChar = (rxChar | bit << 7) >> 1;
            if (slot == 0) {
                if (firstSlot) {
                    firstSlot = false; // the padding bit and zeros: idle by construction
                } else {
                    port.charReceived(rxChar);
                }
                txChar = port.nextCharToSend() & 0x7F;
            }
            out = ((txChar >> slot) & 1) != 0;
            slot = slot == 6 ? 0 : slot + 1;
        }
        phase = !phase;
        return out;
    }
}
