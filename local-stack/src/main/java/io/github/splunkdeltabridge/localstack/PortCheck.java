package io.github.splunkdeltabridge.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds out before starting anything whether a loopback port is free, so the user gets one clear message. */
final class PortCheck {

    private PortCheck() {}

    /** Throws {@link StackException} naming the component and the option that moves it when the port is taken. */
    static void requireFree(int port, String component, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StackException("Port " + port + " for the " + component + " is already in use on 127.0.0.1. "
                    + "Stop whatever uses it (another bin/local-pipeline?) or choose another port with " + option
                    + " N.");
        }
    }

    /** A port the OS considers free right now (for tests and --ports auto). */
    static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("Could not find a free loopback port: " + e.getMessage());
        }
    }
}
