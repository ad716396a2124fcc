package io.roostcrm.core.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * A reminder about a contact, for a user.
 *
 * @param id         the reminder's id
 * @param contactId  the contact
 * @param assigneeId the user to remind
 * @param dueAt      when
 * @param text       what, at most 1,000 characters
 * @param done       whether it has been completed
 * @param createdAt  when it was created
 */
public record Reminder(long id, long contactId, long assigneeId, Instant dueAt, String text, boolean done,
                       Instant createdAt) {
    /** Checks the components. */
    public Reminder {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
