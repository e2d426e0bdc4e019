/* spec/relay.md §13 and §16: hostile node input gets a named error, never a dead thread. */
package io.mqttas.relay.internal;

/**
 * A node frame that is not a valid request. {@link #getMessage()} names the rule and the
 * offending value; {@link #frame()} is a printable, length-limited rendering of the frame;
 * {@link #createsNode()} is false when the frame was not even a JSON array (the original ignores
 * such frames without learning the sender); {@link #isPublication()} is true for a 4-element array
 * (a publication whose fields are wrong), which the gateway answers BAD.
 */
public final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String frame;
    private final boolean createsNode;
    private final boolean publication;

    public MalformedFrameException(String message, String frame, boolean createsNode) {
        this(message, frame, createsNode, false);
    }

    public MalformedFrameException(String message, String frame, boolean createsNode, boolean publication) {
        super(message);
        this.frame = frame;
        this.createsNode = createsNode;
        this.publication = publication;
    }

    public boolean isPublication() {
        return publication;
    }

    public String frame() {
        return frame;
    }

    public boolean createsNode() {
        return createsNode;
    }
}
