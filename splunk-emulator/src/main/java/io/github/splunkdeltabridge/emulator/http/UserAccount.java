package io.github.splunkdeltabridge.emulator.http;

import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A Splunk user of the emulator: password (null for a user reached only through tokens), role and the time zone
 * of the user's preferences ({@code tz}), which {@code _time} is rendered in and relative times snap to.
 *
 * @param timeZone  null for the server's zone (a user who never set a time zone)
 */
public record UserAccount(String name, String password, RoleLimits role, ZoneId timeZone) {

    public UserAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public UserAccount withPassword(String newPassword) {
        return new UserAccount(name, newPassword, role, timeZone);
    }

    public UserAccount withRole(RoleLimits newRole) {
        return new UserAccount(name, password, newRole, timeZone);
    }

    public UserAccount withTimeZone(ZoneId zone) {
        return new UserAccount(name, password, role, zone);
    }

    public boolean isAdmin() {
        return role.name().equals("admin");
    }

    ZoneId zoneOr(ZoneId serverZone) {
        return timeZone == null ? serverZone : timeZone;
    }
}
