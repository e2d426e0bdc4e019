/* Issue 9 item 16: the operations a client holds, in order, without an allocation per operation. */
package io.mqttas.session.internal;

import java.util.ArrayList;
import java.util.List;

/** A doubly linked list threaded through {@link Operation}'s own fields. Under the session lock. */
final class LiveList {
    private Operation head;
    private Operation tail;
    private int size;

    void add(Operation op) {
        op.livePrev = tail;
        op.liveNext = null;
        if (tail == null) {
            head = op;
        } else {
            tail.liveNext = op;
        }
        tail = op;
        op.isLive = true;
        size++;
    }

    void remove(Operation op) {
        if (!op.isLive) {
            return;
        }
        if (op.livePrev == null) {
            head = op.liveNext;
        } else {
            op.livePrev.liveNext = op.liveNext;
        }
        if (op.liveNext == null) {
            tail = op.livePrev;
        } else {
            op.liveNext.livePrev = op.livePrev;
        }
        op.livePrev = null;
        op.liveNext = null;
        op.isLive = false;
        size--;
    }

    int size() {
        return size;
    }

    Operation first() {
        return head;
    }

    /** A copy, for walking the list while it changes. */
    List<Operation> toList() {
        List<Operation> out = new ArrayList<>(size);
        for (Operation op = head; op != null; op = op.liveNext) {
            out.add(op);
        }
        return out;
    }
}
