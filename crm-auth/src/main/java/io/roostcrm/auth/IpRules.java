package io.roostcrm.auth;

import io.roostcrm.core.spi.SecurityStore.IpRule;
import io.roostcrm.core.spi.SecurityStore.IpRuleScope;

import java.math.BigInteger;
import java.util.List;

/** IP rule evaluation: deny wins; a non-empty allow list (global, or the user's) must contain the address. */
final class IpRules {
    private IpRules() {
    }

    static boolean allowed(List<IpRule> global, List<IpRule> user, BigInteger address) {
        boolean anyGlobalAllow = false;
        boolean inGlobalAllow = false;
        for (IpRule rule : global) {
            boolean in = IpRange.parse(rule.cidr()).contains(address);
            if (rule.scope() == IpRuleScope.GLOBAL_DENY && in) {
                return false;
            }
            if (rule.scope() == IpRuleScope.GLOBAL_ALLOW) {
                anyGlobalAllow = true;
                inGlobalAllow |= in;
            }
        }
        if (anyGlobalAllow && !inGlobalAllow) {
            return false;
        }
        if (user.isEmpty()) {
            return true;
        }
        for (IpRule rule : user) {
            if (IpRange.parse(rule.cidr()).contains(address)) {
                return true;
            }
        }
        return false;
    }
}
