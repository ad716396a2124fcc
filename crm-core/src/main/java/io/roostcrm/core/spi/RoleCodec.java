package io.roostcrm.core.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Encodes a {@link Role} as compact JSON and back, for stores that keep a role definition as one text value.
 * Format: {@code {"name":…,"superAdmin":…,"view":"owned","update":"owned","delete":false,"createContacts":true,
 * "fields":{"email":"cru",…},"entities":{"note":"crud",…}}}.
 */
public final class RoleCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private RoleCodec() {
    }

    /** The role as JSON. */
    public static String encode(Role role) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("name", role.name());
            g.writeBooleanField("superAdmin", role.isSuperAdmin());
            if (!role.isSuperAdmin()) {
                g.writeStringField("view", role.viewScope().name().toLowerCase(Locale.ROOT));
                g.writeStringField("update", role.updateScope().name().toLowerCase(Locale.ROOT));
                g.writeBooleanField("delete", role.canDelete());
                g.writeBooleanField("createContacts", role.canCreateContacts());
                g.writeObjectFieldStart("fields");
                for (var e : role.fieldRights().entrySet()) {
                    FieldRights r = e.getValue();
                    g.writeStringField(e.getKey(), (r.create() ? "c" : "") + (r.read() ? "r" : "") + (r.update() ? "u" : ""));
                }
                g.writeEndObject();
                g.writeObjectFieldStart("entities");
                for (EntityType type : EntityType.values()) {
                    StringBuilder actions = new StringBuilder();
                    for (EntityAction a : role.entityRights(type)) {
                        actions.append(a.name().toLowerCase(Locale.ROOT).charAt(0));
                    }
                    if (actions.length() > 0) {
                        g.writeStringField(type.name().toLowerCase(Locale.ROOT), actions.toString());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    /**
     * A role from its JSON.
     *
     * @throws CrmConfigurationException if the text is not a role definition (the message names the bad part)
     */
    public static Role decode(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "a JSON object");
            String name = null;
            boolean superAdmin = false;
            Scope view = Scope.NONE;
            Scope update = Scope.NONE;
            boolean delete = false;
            boolean create = false;
            List<Object[]> fields = new ArrayList<>();
            List<Object[]> entities = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "name" -> name = p.getText();
                    case "superAdmin" -> superAdmin = p.getBooleanValue();
                    case "view" -> view = Scope.parse(p.getText());
                    case "update" -> update = Scope.parse(p.getText());
                    case "delete" -> delete = p.getBooleanValue();
                    case "createContacts" -> create = p.getBooleanValue();
                    case "fields" -> {
                        expect(p.currentToken() == JsonToken.START_OBJECT, "fields to be an object");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            String r = p.getText();
                            fields.add(new Object[]{field, new FieldRights(r.contains("c"), r.contains("r"), r.contains("u"))});
                        }
                    }
                    case "entities" -> {
                        expect(p.currentToken() == JsonToken.START_OBJECT, "entities to be an object");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            EntityType type = EntityType.valueOf(p.currentName().toUpperCase(Locale.ROOT));
                            p.nextToken();
                            entities.add(new Object[]{type, p.getText()});
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            expect(name != null, "a name");
            if (superAdmin) {
                return Role.superAdmin(name);
            }
            Role.Builder b = Role.builder(name).viewScope(view).updateScope(update).canDelete(delete)
                    .canCreateContacts(create);
            for (Object[] f : fields) {
                b.field((String) f[0], (FieldRights) f[1]);
            }
            for (Object[] e : entities) {
                String actions = (String) e[1];
                for (EntityAction a : EntityAction.values()) {
                    if (actions.indexOf(a.name().toLowerCase(Locale.ROOT).charAt(0)) >= 0) {
                        b.entity((EntityType) e[0], a);
                    }
                }
            }
            return b.build();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new CrmConfigurationException("stored role definition is invalid: " + e.getMessage(), e);
        }
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("expected " + what);
        }
    }
}
