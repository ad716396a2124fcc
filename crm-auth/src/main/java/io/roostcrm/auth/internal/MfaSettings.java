package io.roostcrm.auth.internal;

import io.roostcrm.auth.MfaEnforcement;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.SettingStore;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * MFA enforcement kept in the store's shared settings. A setting is written once and never changes
 * ({@link SettingStore}), so the enforcement is an append-only series: {@code auth.mfa.1}, {@code auth.mfa.2}, ...,
 * each holding the whole enforcement from then on, and the highest one present is in force. A change writes the next
 * number with {@link SettingStore#setIfAbsent}: of two nodes changing it at once, one wins and the other reads again.
 *
 * <p>A node remembers the highest number it has read and its value; both are immutable in the store, so the memory
 * decides nothing alone: each read asks the store, in the caller's unit of work, whether the next number exists (one
 * look-up when nothing changed). A node that starts reads the series once. Thread-safe.
 */
public final class MfaSettings {

    /** The prefix of the series' setting names. */
    public static final String PREFIX = "auth.mfa.";

    /** An entry of the series: its number ({@code 0}: none yet, nobody is required) and the enforcement. */
    public record Entry(long number, MfaEnforcement enforcement) {
    }

    private final AtomicReference<Entry> known = new AtomicReference<>(new Entry(0, MfaEnforcement.nobody()));

    /** The enforcement in force, read in the caller's unit of work. */
    public Entry current(SettingStore settings) {
        Entry entry = known.get();
        while (true) {
            long next = entry.number() + 1;
            Optional<String> value = settings.get(PREFIX + next);
            if (value.isEmpty()) {
                break;
            }
            entry = new Entry(next, decode(next, value.get()));
        }
        Entry found = entry;
        known.accumulateAndGet(found, (a, b) -> a.number() >= b.number() ? a : b);
        return found;
    }

    /**
     * Writes the entry after {@code current}.
     *
     * @return whether it was written; {@code false} when another node wrote that number first
     */
    public boolean append(SettingStore settings, Entry current, MfaEnforcement next) {
        return settings.setIfAbsent(PREFIX + (current.number() + 1), encode(next));
    }

    /**
     * The setting's value: {@code nobody}, {@code everyone} or {@code roles:} and the role names, each as unpadded
     * base64url of its UTF-8 bytes (a role name may hold any character; a setting only printable ASCII), sorted and
     * separated by commas.
     *
     * @throws IllegalArgumentException if the roles do not fit in one setting
     */
    public static String encode(MfaEnforcement enforcement) {
        String text;
        if (enforcement instanceof MfaEnforcement.ForRoles r) {
            text = "roles:" + r.roleNames().stream()
                    .map(name -> Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(name.getBytes(StandardCharsets.UTF_8)))
                    .collect(Collectors.joining(","));
        } else if (enforcement instanceof MfaEnforcement.Everyone) {
            text = "everyone";
        } else {
            text = "nobody";
        }
        if (text.length() > SettingStore.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("too many or too long role names for one setting");
        }
        return text;
    }

    static MfaEnforcement decode(long number, String value) {
        if (value.equals("nobody")) {
            return MfaEnforcement.nobody();
        }
        if (value.equals("everyone")) {
            return MfaEnforcement.everyone();
        }
        if (value.startsWith("roles:") && value.length() > "roles:".length()) {
            Set<String> roles = new TreeSet<>();
            try {
                for (String encoded : value.substring("roles:".length()).split(",", -1)) {
                    roles.add(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                throw unreadable(number);
            }
            return MfaEnforcement.forRoles(roles);
        }
        throw unreadable(number);
    }

    private static CrmConfigurationException unreadable(long number) {
        return new CrmConfigurationException("the MFA enforcement setting '" + PREFIX + number
                + "' is not in a form this version of Roost reads");
    }

    @Override
    public String toString() {
        return "MfaSettings[" + known.get() + "]";
    }
}
