package io.github.splunkdeltabridge.reconcile;

/**
 * A reconcile that cannot start because of what it was asked: an unknown index, a table that is not there, a range
 * that ends before it starts. The command prints the message and exits with code 2, as for a bad option.
 */
public final class ReconcileUsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReconcileUsageException(String message) {
        super(message);
    }

    public ReconcileUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
