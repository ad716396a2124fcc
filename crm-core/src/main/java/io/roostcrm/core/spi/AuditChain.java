package io.roostcrm.core.spi;

import io.roostcrm.core.audit.AuditVerification;
import io.roostcrm.core.audit.AuditVerification.BreakKind;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How audit entries are chained: each entry's hash is SHA-256 (or, with a host secret, HMAC-SHA256) over the hash of
 * the entry before it and the entry's canonical bytes. The canonical bytes are the entry's columns (time at
 * microseconds, actor, client address, correlation id, entity, entity id, contact id, operation and the changed
 * fields as {@link ChangeCodec} text), each written as its UTF-8 length and bytes, so that no value can be shifted into
 * its neighbour. The sequence number is not hashed: the link to the previous hash fixes an entry's place, which lets a
 * verifier tell an entry moved elsewhere (reordered) from one whose content changed (altered).
 *
 * <p>Unkeyed, the chain shows any change made without recomputing the hashes after it; keyed, it shows every change
 * by whoever does not hold the key, a database administrator included. Immutable and thread-safe.
 */
public final class AuditChain {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final AuditChain SHA_256 = new AuditChain(null);

    private final byte[] key;
    private final ThreadLocal<Hasher> engines;

    private AuditChain(byte[] key) {
        this.key = key;
        this.engines = ThreadLocal.withInitial(() -> new Hasher(newEngine(), new Canonical(), new byte[32]));
    }

    /** The unkeyed chain: SHA-256. */
    public static AuditChain sha256() {
        return SHA_256;
    }

    /**
     * The chain keyed with a host secret: HMAC-SHA256. The array is copied.
     *
     * @throws IllegalArgumentException if the key is shorter than 32 bytes or longer than 1,024
     */
    public static AuditChain hmacSha256(byte[] key) {
        Objects.requireNonNull(key, "auditKey");
        if (key.length < 32 || key.length > 1_024) {
            throw new IllegalArgumentException("auditKey was " + key.length
                    + " bytes long but it must be 32 to 1,024 bytes");
        }
        return new AuditChain(key.clone());
    }

    /** Whether this chain is keyed. */
    public boolean keyed() {
        return key != null;
    }

    /** The time as the chain hashes it: at microseconds, what every store keeps. */
    public static Instant canonicalTime(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The link a store writes for a change: its columns, the previous hash, and its hash.
     *
     * @param previousHash the hash of the entry before it, {@link #GENESIS} for the first
     */
    public AuditLink link(long sequence, WorkContext context, Change change, String previousHash) {
        AuditLink unsealed = new AuditLink(sequence, canonicalTime(context.time()), context.actor().userId(),
                context.clientAddress().orElse(""), context.correlationId(), change.entity().name(),
                change.entityId(), change.contactId(), change.operation().name(), ChangeCodec.encode(change.fields()),
                previousHash, "");
        return new AuditLink(unsealed.sequence(), unsealed.time(), unsealed.actorId(), unsealed.clientAddress(),
                unsealed.correlationId(), unsealed.entity(), unsealed.entityId(), unsealed.contactId(),
                unsealed.operation(), unsealed.changes(), previousHash, hash(unsealed));
    }

    /** The hash a link should carry: over its previous hash and canonical bytes (its own {@code hash} is ignored). */
    public String hash(AuditLink link) {
        byte[] digest = digest(link);
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Whether a link carries the hash it should ({@code hash(link).equals(link.hash())}), compared in place: a walk
     * checks every entry of the trail, and in a small heap the strings of that comparison were a tenth of what it
     * allocated.
     */
    public boolean carriesItsHash(AuditLink link) {
        byte[] digest = digest(link);
        String stored = link.hash();
        if (stored.length() != digest.length * 2) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            if (stored.charAt(2 * i) != HEX[(digest[i] >> 4) & 0xf] || stored.charAt(2 * i + 1) != HEX[digest[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /** The link's digest, in this thread's reusable array (valid until the thread's next digest). */
    private byte[] digest(AuditLink link) {
        Hasher hasher = engines.get();
        Canonical bytes = hasher.bytes;
        bytes.reset();
        feed(bytes, link);
        try {
            if (hasher.engine instanceof Mac mac) {
                mac.update(bytes.buffer, 0, bytes.length);
                mac.doFinal(hasher.digest, 0);
            } else {
                MessageDigest md = (MessageDigest) hasher.engine;
                md.update(bytes.buffer, 0, bytes.length);
                md.digest(hasher.digest, 0, hasher.digest.length);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a SHA-256 digest fits its 32 bytes", e);
        }
        return hasher.digest;
    }

    /** A thread's engine and the buffer its canonical bytes are gathered in (one digest update per link). */
    private record Hasher(Object engine, Canonical bytes, byte[] digest) {
    }

    /**
     * The canonical bytes of a link, gathered into one reusable buffer: each value as its UTF-8 length (4 bytes, big
     * endian) and bytes. Verification hashes every entry of the trail, so this avoids two small arrays per value.
     */
    private static final class Canonical {
        /** 0000-01-01 and 9999-12-31 as epoch days: the years {@link Instant#toString()} prints without a sign. */
        private static final long MIN_FAST_DAY = java.time.LocalDate.of(0, 1, 1).toEpochDay();
        private static final long MAX_FAST_DAY = java.time.LocalDate.of(9999, 12, 31).toEpochDay();

        private byte[] buffer = new byte[1_024];
        private int length;

        void reset() {
            length = 0;
            if (buffer.length > 65_536) {
                buffer = new byte[1_024]; // a thread keeps no large buffer after one large entry
            }
        }

        void put(String text) {
            int n = text.length();
            for (int i = 0; i < n; i++) {
                if (text.charAt(i) >= 0x80) {
                    // Not ASCII: the JDK's encoder (the same bytes as one character at a time would give).
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    ensure(4 + utf8.length);
                    writeLength(length, utf8.length);
                    System.arraycopy(utf8, 0, buffer, length + 4, utf8.length);
                    length += 4 + utf8.length;
                    return;
                }
            }
            // ASCII: its UTF-8 bytes are its characters' low bytes, which this copies without allocating (a walk
            // hashes every value of the trail, and in a small heap garbage costs more than the copy).
            ensure(4 + n);
            writeLength(length, n);
            copyLowBytes(text, n, length + 4);
            length += 4 + n;
        }

        @SuppressWarnings("deprecation") // exactly what is wanted for ASCII: each character's low byte
        private void copyLowBytes(String text, int n, int at) {
            text.getBytes(0, n, buffer, at);
        }

        /** A number as {@link Long#toString(long)} writes it, without making the string for one at or above zero. */
        void putLong(long value) {
            if (value < 0) {
                put(Long.toString(value));
                return;
            }
            int n = 1;
            for (long rest = value / 10; rest > 0; rest /= 10) {
                n++;
            }
            ensure(4 + n);
            writeLength(length, n);
            int at = length + 4 + n;
            long rest = value;
            do {
                buffer[--at] = (byte) ('0' + rest % 10);
                rest /= 10;
            } while (rest > 0);
            length += 4 + n;
        }

        /** An instant in {@link Instant#toString()}'s form (ISO-8601, UTC), gathered without a formatter. */
        void putInstant(Instant time) {
            long seconds = time.getEpochSecond();
            int nanos = time.getNano();
            long days = Math.floorDiv(seconds, 86_400L);
            // Years 0 to 9999 print as four digits with no sign; Instant.toString is left to print the others.
            if (days < MIN_FAST_DAY || days > MAX_FAST_DAY) {
                put(time.toString());
                return;
            }
            int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
            int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            int n = 20 + (fraction == 0 ? 0 : 1 + fraction);
            ensure(4 + n);
            writeLength(length, n);
            int at = length + 4;
            at = digits(date.getYear(), 4, at);
            buffer[at++] = '-';
            at = digits(date.getMonthValue(), 2, at);
            buffer[at++] = '-';
            at = digits(date.getDayOfMonth(), 2, at);
            buffer[at++] = 'T';
            at = digits(secondOfDay / 3_600, 2, at);
            buffer[at++] = ':';
            at = digits(secondOfDay / 60 % 60, 2, at);
            buffer[at++] = ':';
            at = digits(secondOfDay % 60, 2, at);
            if (fraction > 0) {
                buffer[at++] = '.';
                at = digits(fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction, at);
            }
            buffer[at++] = 'Z';
            length = at;
        }

        private int digits(int value, int width, int at) {
            for (int i = width - 1; i >= 0; i--) {
                buffer[at + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            return at + width;
        }

        private void writeLength(int at, int n) {
            buffer[at] = (byte) (n >>> 24);
            buffer[at + 1] = (byte) (n >>> 16);
            buffer[at + 2] = (byte) (n >>> 8);
            buffer[at + 3] = (byte) n;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }

    private static void feed(Canonical bytes, AuditLink link) {
        bytes.put(link.previousHash());
        bytes.putInstant(canonicalTime(link.time()));
        bytes.putLong(link.actorId());
        bytes.put(link.clientAddress());
        bytes.put(link.correlationId());
        bytes.put(link.entity());
        bytes.put(link.entityId());
        bytes.putLong(link.contactId());
        bytes.put(link.operation());
        bytes.put(link.changes());
    }

    private Object newEngine() {
        try {
            if (key == null) {
                return MessageDigest.getInstance("SHA-256");
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256 and HmacSHA256", e);
        }
    }

    /**
     * A walk along the chain, one link at a time in ascending sequence, in constant memory: it keeps only the last
     * link's number and hash. It reports the first broken link:
     * <ul>
     *   <li>{@link BreakKind#INSERTED}: an entry beyond the committed head, or where purged entries were;</li>
     *   <li>{@link BreakKind#ALTERED}: an entry whose hash does not match its content (or a head that does not match
     *       the last entry);</li>
     *   <li>{@link BreakKind#REMOVED}: an entry that does not link to the one before it, after a gap in the numbers
     *       (the first missing number is named), or a trail that ends before its head;</li>
     *   <li>{@link BreakKind#REORDERED}: an intact entry that links to another entry than the one before it, without a
     *       gap: it was moved.</li>
     * </ul>
     * Entries written before the store chained (no hashes) are skipped while no chained entry has been seen.
     */
    public Walk walk(long startAfter, String startHash, Supplier<AuditHead> head) {
        return new Walk(startAfter, startHash, head);
    }

    /** See {@link AuditChain#walk}. Not thread-safe. */
    public final class Walk {
        private final long startAfter;
        private final Supplier<AuditHead> heads;
        private AuditHead head;
        private long lastSequence;
        private String lastHash;
        private boolean chained;
        private long checked;
        private AuditVerification.Broken broken;

        private Walk(long startAfter, String startHash, Supplier<AuditHead> heads) {
            this.startAfter = startAfter;
            this.lastSequence = startAfter;
            this.lastHash = Objects.requireNonNull(startHash, "startHash");
            this.chained = startAfter > 0;
            this.heads = Objects.requireNonNull(heads, "head");
            this.head = heads.get();
        }

        /** Checks the next link; returns the break if this link is the first broken one. */
        public Optional<AuditVerification.Broken> accept(AuditLink link) {
            if (broken != null) {
                return Optional.of(broken);
            }
            if (link.sequence() > head.lastSequence()) {
                head = heads.get(); // committed since the walk began?
                if (link.sequence() > head.lastSequence()) {
                    return fail(link.sequence(), BreakKind.INSERTED);
                }
            }
            if (link.sequence() <= startAfter) {
                return fail(link.sequence(), BreakKind.INSERTED);
            }
            if (link.unchained()) {
                if (chained) {
                    return fail(link.sequence(), BreakKind.ALTERED);
                }
                lastSequence = link.sequence();
                return Optional.empty();
            }
            if (!carriesItsHash(link)) {
                return fail(link.sequence(), BreakKind.ALTERED);
            }
            if (!link.previousHash().equals(lastHash)) {
                return link.sequence() > lastSequence + 1 ? fail(lastSequence + 1, BreakKind.REMOVED)
                        : fail(link.sequence(), BreakKind.REORDERED);
            }
            chained = true;
            lastSequence = link.sequence();
            lastHash = link.hash();
            checked++;
            return Optional.empty();
        }

        /** After the last link: checks that the trail reaches its head. */
        public AuditVerification finish() {
            if (broken != null) {
                return broken;
            }
            head = heads.get();
            if (lastSequence < head.lastSequence()) {
                return fail(lastSequence + 1, BreakKind.REMOVED).orElseThrow();
            }
            if (chained && !head.lastHash().equals(lastHash)) {
                return fail(lastSequence, BreakKind.ALTERED).orElseThrow();
            }
            return new AuditVerification.Intact(checked, lastSequence);
        }

        /** The last sequence number checked. */
        public long lastSequence() {
            return lastSequence;
        }

        private Optional<AuditVerification.Broken> fail(long sequence, BreakKind kind) {
            broken = new AuditVerification.Broken(sequence, kind, checked);
            return Optional.of(broken);
        }
    }
}
