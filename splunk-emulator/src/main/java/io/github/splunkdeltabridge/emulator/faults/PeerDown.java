package io.github.splunkdeltabridge.emulator.faults;

import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import java.net.URI;

/**
 * A search peer (indexer) that is down: the share of the events it holds is missing from every search, and
 * the search head says so with a WARN message and answers the search otherwise normally, as Splunk does.
 * Which events live on the peer is a fixed function of each event's index and {@code _cd}, so the same events
 * are missing from every search while the peer is down, and all come back once it is up.
 *
 * @param name   the peer's server name, as in {@code splunk_server}
 * @param uri    the peer's management URI, as the message prints it
 * @param share  share of all events on that peer, 0 (exclusive) to 1 (inclusive)
 */
public record PeerDown(String name, URI uri, double share) {

    public PeerDown {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a peer needs a name");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], not " + share);
        }
    }

    /** Whether {@code event} is stored on this peer (and so missing while it is down). */
    public boolean holds(EmulatedEvent event) {
        long h = mix((event.index() + '\u0000' + event.cd()).hashCode());
        double position = (h >>> 11) * 0x1.0p-53;
        return position < share;
    }

    /**
     * The WARN Splunk's search head adds to a search when a peer is down (distributed search, "Unable to
     * distribute to peer …"), as quoted in this project's Splunk notes.
     */
    public String message() {
        return "Unable to distribute to peer named " + name + " at uri " + uri
                + " because peer has status = \"Down\". Verify uri-scheme, connectivity to the search peer, that the"
                + " search peer is up, and that an adequate level of system resources are available. See the"
                + " Troubleshooting Manual for more information.";
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
