package io.roostcrm.core.spi;

/**
 * Who acts in a unit of work: a user of the CRM, or Roost itself (starting up, seeding, work a host runs without a
 * user). Stores write it where their tables record a writer, and the change log records it with every entry.
 */
public sealed interface Actor permits Actor.UserActor, Actor.SystemActor {

    /** A user, by id. @throws IllegalArgumentException unless {@code userId} is positive */
    static Actor user(long userId) {
        return new UserActor(userId);
    }

    /** Roost itself. */
    static Actor system() {
        return SystemActor.INSTANCE;
    }

    /** The acting user's id, or {@code 0} for the system. */
    long userId();

    /**
     * A user of the CRM.
     *
     * @param userId the user's id, positive
     */
    record UserActor(long userId) implements Actor {
        /** Checks the id. */
        public UserActor {
            if (userId < 1) {
                throw new IllegalArgumentException("userId was " + userId + " but it must be positive");
            }
        }
    }

    /** Roost itself: work no user asked for. */
    final class SystemActor implements Actor {
        private static final SystemActor INSTANCE = new SystemActor();

        private SystemActor() {
        }

        @Override
        public long userId() {
            return 0;
        }

        @Override
        public String toString() {
            return "system";
        }
    }
}
