package io.roostcrm.permissions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One generated case for the property tests: a random field registry, a subject holding random roles, an extra
 * role to add, and contacts in every relation to the subject. Every case is derived from the run's seed and its
 * case number alone, so a failing case is replayed with {@code -Droost.seed=<seed> -Droost.case=<number>}.
 *
 * @param seed        the run's seed ({@code roost.seed}, else {@link #DEFAULT_SEED})
 * @param property    which property the case was generated for (each property draws its own cases)
 * @param number      the case number within the property
 * @param fields      the field registry
 * @param subject     who is asking
 * @param extraRole   a role the subject does not hold, with a distinct name (for the monotonicity property)
 * @param contacts    unassigned, owned by the subject, owned by a teammate, owned by strangers
 * @param unknownKeys field keys some roles mention but the registry does not hold
 */
record RandomCase(long seed, String property, int number, FieldRegistry fields, Subject subject, Role extraRole,
                  List<Ownership> contacts, List<String> unknownKeys) {

    /** The seed used when {@code roost.seed} is not set. */
    static final long DEFAULT_SEED = 0x5EED_001L;

    /** How many cases each property checks. */
    static final int CASES = 1_000;

    private static final int MAX_TEAM = 6;
    private static final List<String> UNKNOWN_KEYS = List.of("ghost_a", "ghost_b", "ghost_c");
    private static final FieldRights[] ALL_RIGHTS = allRights();

    /** The run's seed. */
    static long runSeed() {
        return Long.getLong("roost.seed", DEFAULT_SEED);
    }

    /** The cases for one property: {@link #CASES} of them, or only case {@code roost.case} when that is set. */
    static Stream<RandomCase> cases(String property, boolean forceSuperAdmin) {
        long seed = runSeed();
        Integer only = Integer.getInteger("roost.case");
        IntStream numbers = only != null ? IntStream.of(only) : IntStream.range(0, CASES);
        return numbers.mapToObj(n -> generate(seed, property, n, forceSuperAdmin));
    }

    /** Every field key to ask about: the registry's, then keys the registry does not hold. */
    List<String> keysToAsk() {
        List<String> keys = new ArrayList<>(fields.size() + unknownKeys.size());
        fields.fields().forEach(f -> keys.add(f.key()));
        keys.addAll(unknownKeys);
        return keys;
    }

    /** The subject holding the extra role as well. */
    Subject withExtraRole() {
        List<Role> roles = new ArrayList<>(subject.roles());
        roles.add(extraRole);
        return new Subject(subject.userId(), subject.teamIds(), roles);
    }

    @Override
    public String toString() {
        List<String> roles = subject.roles().stream().map(RandomCase::describe).toList();
        return "seed=" + seed + " case=" + number + " [" + property + "] (replay: -Droost.seed=" + seed
                + " -Droost.case=" + number + ") fields=" + fields.size() + " user=" + subject.userId()
                + " teams=" + subject.teamIds() + " roles=" + roles;
    }

    private static String describe(Role role) {
        return role.isSuperAdmin() ? role.name() + ":superAdmin"
                : role.name() + ":" + role.viewScope() + "/" + role.updateScope();
    }

    // ---- generation -----------------------------------------------------------------------------------------

    private static RandomCase generate(long seed, String property, int number, boolean forceSuperAdmin) {
        SplittableRandom random = new SplittableRandom(mix(seed, property.hashCode(), number));
        FieldRegistry fields = registry(random);
        long userId = 1 + random.nextInt(1_000);
        Set<Long> teams = teams(random, random.nextInt(3));
        int roleCount = 1 + random.nextInt(4);
        List<Role> roles = new ArrayList<>(roleCount);
        for (int i = 0; i < roleCount; i++) {
            roles.add(role(random, "role " + i, fields));
        }
        if (forceSuperAdmin) {
            roles.set(random.nextInt(roleCount), Role.superAdmin("admin"));
        }
        Subject subject = new Subject(userId, teams, roles);
        Role extra = role(random, "extra", fields);
        return new RandomCase(seed, property, number, fields, subject, extra, contacts(random, subject),
                UNKNOWN_KEYS);
    }

    private static long mix(long seed, int salt, int number) {
        long z = seed ^ ((long) salt << 32) ^ (number * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static FieldRegistry registry(SplittableRandom random) {
        int size = 5 + random.nextInt(76); // 5..80
        List<FieldDescriptor> fields = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            FieldDescriptor field = random.nextBoolean()
                    ? FieldDescriptor.standard("std_" + i)
                    : FieldDescriptor.custom("cf_" + i);
            fields.add(field.withReadOnly(random.nextInt(5) == 0));
        }
        return FieldRegistry.of(fields);
    }

    private static Role role(SplittableRandom random, String name, FieldRegistry fields) {
        if (random.nextInt(20) == 0) {
            return Role.superAdmin(name);
        }
        Scope[] scopes = Scope.values();
        Scope view = scopes[random.nextInt(scopes.length)];
        Scope update = scopes[random.nextInt(view.ordinal() + 1)]; // update ⊆ view
        Role.Builder builder = Role.builder(name);
        if (view != Scope.NONE || random.nextBoolean()) {
            builder.viewScope(view);
        }
        if (update != Scope.NONE || random.nextBoolean()) {
            builder.updateScope(update);
        }
        if (random.nextBoolean()) {
            builder.canDelete(random.nextBoolean());
        }
        if (random.nextBoolean()) {
            builder.canCreateContacts(random.nextBoolean());
        }
        int density = 1 + random.nextInt(10); // from sparse to nearly every field
        for (FieldDescriptor field : fields.fields()) {
            if (random.nextInt(10) < density) {
                builder.field(field.key(), ALL_RIGHTS[random.nextInt(ALL_RIGHTS.length)]);
            }
        }
        for (String ghost : UNKNOWN_KEYS) {
            if (random.nextInt(3) == 0) {
                builder.field(ghost, ALL_RIGHTS[random.nextInt(ALL_RIGHTS.length)]);
            }
        }
        for (EntityType type : EntityType.values()) {
            for (EntityAction action : EntityAction.values()) {
                if (random.nextInt(3) == 0) {
                    builder.entity(type, action);
                }
            }
        }
        return builder.build();
    }

    private static FieldRights[] allRights() {
        FieldRights[] rights = new FieldRights[8];
        for (int i = 0; i < 8; i++) {
            rights[i] = new FieldRights((i & 1) != 0, (i & 2) != 0, (i & 4) != 0);
        }
        return rights;
    }

    private static Set<Long> teams(SplittableRandom random, int count) {
        Set<Long> teams = new HashSet<>();
        for (int i = 0; i < count; i++) {
            teams.add(1L + random.nextInt(MAX_TEAM));
        }
        return teams;
    }

    private static List<Ownership> contacts(SplittableRandom random, Subject subject) {
        long user = subject.userId();
        List<Ownership> contacts = new ArrayList<>();
        contacts.add(Ownership.unassigned());
        contacts.add(Ownership.ownedBy(user, teams(random, random.nextInt(3))));
        Set<Long> teammateTeams = teams(random, random.nextInt(2));
        if (!subject.teamIds().isEmpty()) {
            List<Long> mine = List.copyOf(subject.teamIds());
            teammateTeams.add(mine.get(random.nextInt(mine.size())));
        }
        contacts.add(Ownership.ownedBy(user + 1 + random.nextInt(50), teammateTeams));
        for (int i = 0; i < 3; i++) {
            contacts.add(Ownership.ownedBy(user + 100 + random.nextInt(50), teams(random, random.nextInt(3))));
        }
        return contacts;
    }
}
