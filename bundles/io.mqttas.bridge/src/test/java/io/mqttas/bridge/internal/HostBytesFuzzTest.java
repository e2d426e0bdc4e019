/*
 * Coverage-guided fuzzing of everything that parses what a host sends (briefing "hostile input"):
 * bytes on a stream, and the same bytes as a SynCom bit stream, into records and their fields.
 * Regression mode (mvn test) runs the committed seeds in
 * src/test/resources/io/mqttas/bridge/internal/HostBytesFuzzTestInputs/hostBytes/; JAZZER_FUZZ=1
 * fuzzes for real.
 */
package io.mqttas.bridge.internal;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

class HostBytesFuzzTest {
    private static final int MAX = 256;

    @FuzzTest(maxDuration = "30s")
    void hostBytes(byte[] data) {
        List<String> records = new ArrayList<>();
        LinkCounters counters = new LinkCounters();
        RecordAssembler stream = new RecordAssembler("fuzz", MAX, records::add, counters);
        for (byte b : data) {
            stream.accept(b & 0xFF);
        }
        stream.accept(0);
        // the same bytes as bits on the SynCom data line, one step per bit
        RecordAssembler fromPins = new RecordAssembler("fuzz-pins", MAX, records::add, new LinkCounters());
        SynComPassive passive = new SynComPassive(new SynComPassive.CharPort() {
            @Override
            public int nextCharToSend() {
                return 'x';
            }

            @Override
            public void charReceived(int c) {
                if (c < 0 || c > 127) {
                    throw new AssertionError("character out of range: " + c);
                }
                fromPins.accept(c);
            }
        });
        for (byte b : data) {
            for (int i = 0; i < 8; i++) {
                passive.step(((b >> i) & 1) != 0);
            }
        }
        for (String r : records) {
            if (r.isEmpty() || r.length() > MAX) {
                throw new AssertionError("record length " + r.length() + " outside 1.." + MAX);
            }
            List<String> fields = Records.split(r);
            try {
                InitRecord.parse(fields);
            } catch (InvalidRecordException e) {
                // named rule: fine
            }
            try {
                WillRecord.parse(fields);
            } catch (InvalidRecordException e) {
                // named rule: fine
            }
            for (String f : fields) {
                try {
                    SslParams.parse(f);
                } catch (InvalidRecordException e) {
                    // named rule: fine
                }
                String safe = Records.printable(f, 40);
                if (!Records.isFieldSafe(safe.replace("...", ""))) {
                    throw new AssertionError("printable() let an unsafe character through");
                }
            }
        }
    }
}
