package io.roostcrm.store.jdbc;

import io.roostcrm.core.CrmConfigurationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10 item 17: a PostgreSQL, MariaDB or MySQL URL whose driver is not on the class path says so. The build runs
 * this class (tag {@code without-drivers}) in a surefire execution of its own, whose class path leaves out the
 * PostgreSQL and MariaDB drivers that every other test uses; MySQL's is never a dependency.
 */
@Tag("without-drivers")
class MissingDriverTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jdbc:postgresql://127.0.0.1:5432/test,   org.postgresql.Driver,   PostgreSQL, org.postgresql:postgresql",
        "jdbc:mariadb://127.0.0.1:3306/test,      org.mariadb.jdbc.Driver, MariaDB,    org.mariadb.jdbc:mariadb-java-client",
        "jdbc:mysql://127.0.0.1:3306/test,        com.mysql.cj.jdbc.Driver, MySQL,     com.mysql:mysql-connector-j",
    })
    void aUrlWithoutItsDriverSaysNoSuitableDriverAndNamesTheArtifact(String url, String driverClass, String product,
                                                                     String coordinates) {
        assertThatThrownBy(() -> Class.forName(driverClass)).as("this execution's class path has no " + driverClass)
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> JdbcStore.builder().url(url).user("crm").password("hunter2").build())
                .isInstanceOfSatisfying(CrmConfigurationException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("hunter2"))
                .hasMessage("could not connect to " + url + ": No suitable driver; add the " + product
                        + " JDBC driver (Maven " + coordinates + ") to the class path");
    }
}
