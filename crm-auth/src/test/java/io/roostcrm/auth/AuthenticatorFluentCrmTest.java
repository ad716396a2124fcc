package io.roostcrm.auth;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.store.fluentcrm.FluentCrmSites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/**
 * The Authenticator on the FluentCRM store (its own side tables beside FluentCRM's), two stores over one site as two
 * nodes. The test's users are WordPress users of the site, as the FluentCRM store requires.
 */
class AuthenticatorFluentCrmTest extends AuthenticatorContract {

    private static FluentCrmSites sites;
    private String prefix;

    @BeforeAll
    static void createDatabase() {
        sites = FluentCrmSites.create("AuthenticatorFluentCrmTest");
    }

    @AfterAll
    static void dropDatabase() {
        sites.close();
    }

    @Override
    protected CrmStore newStore() {
        prefix = sites.newSite(List.of("ann", "bob"));
        return sites.open(prefix);
    }

    @Override
    protected CrmStore onSameDatabase(CrmStore first) {
        return sites.open(prefix);
    }

    @Override
    protected void dispose(CrmStore first) {
        sites.dropSite(prefix);
    }
}
