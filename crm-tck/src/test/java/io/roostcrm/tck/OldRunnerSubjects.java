package io.roostcrm.tck;

import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.tck.service.CrmServiceCompatibilityKit;

/**
 * Kit subclasses as a host writes them, for {@link KitsFailOnOldRunnersTest} to hand to old runners. Not tests
 * themselves: neither the holder's name nor theirs is one Surefire picks up, so the JUnit Platform does not run the
 * kits through them a second time.
 */
final class OldRunnerSubjects {

    private OldRunnerSubjects() {
    }

    /** A store kit subclass. */
    public static class StoreKit extends CrmStoreCompatibilityKit {
        @Override
        protected CrmStore newStore() {
            return new InMemoryCrmStore();
        }
    }

    /** A service kit subclass. */
    public static class ServiceKit extends CrmServiceCompatibilityKit {
        @Override
        protected CrmStore newStore() {
            return new InMemoryCrmStore();
        }
    }
}
