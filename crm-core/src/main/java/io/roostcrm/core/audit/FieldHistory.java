package io.roostcrm.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The history of one contact's fields, from the audit trail: for each field the reader may read now, its values over
 * time, oldest first. A field the reader cannot read is absent, with every past value.
 *
 * @param contactId the contact
 * @param fields    per field key, its values over time
 */
public record FieldHistory(long contactId, Map<String, List<Value>> fields) {
    /** Copies. */
    public FieldHistory {
        fields = Map.copyOf(fields);
    }

    /** One value a field took, who set it and when. */
    public static final class Value {
        private final Object value;
        private final Instant time;
        private final long actorId;
        private final long sequence;

        /**
         * @param value    the value set, {@code null} when the field was cleared
         * @param time     when
         * @param actorId  who ({@code 0}: the system)
         * @param sequence the audit entry
         */
        public Value(Object value, Instant time, long actorId, long sequence) {
            this.value = value;
            this.time = Objects.requireNonNull(time, "time");
            this.actorId = actorId;
            this.sequence = sequence;
        }

        /** The value set; empty when the field was cleared (or the contact deleted). */
        public Optional<Object> value() {
            return Optional.ofNullable(value);
        }

        /** When. */
        public Instant time() {
            return time;
        }

        /** Who: a user id, or {@code 0} for the system. */
        public long actorId() {
            return actorId;
        }

        /** The audit entry that set it. */
        public long sequence() {
            return sequence;
        }

        /** Names no value: values may be personal data. */
        @Override
        public String toString() {
            return "Value[seq=" + sequence + ", at=" + time + ", by=" + actorId + "]";
        }
    }
}
