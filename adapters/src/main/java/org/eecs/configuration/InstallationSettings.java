package org.eecs.configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eecs.application.port.out.ConfigurationSettings;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The settings an auditor or administrator may need to judge this installation: who issues the tokens it
 * trusts, which database it keeps records in (never credentials), the schema version, its time zone and
 * request limits.
 */
@Component
class InstallationSettings implements ConfigurationSettings {

    private final Environment environment;
    private final ObjectProvider<Flyway> flyway;

    InstallationSettings(Environment environment, ObjectProvider<Flyway> flyway) {
        this.environment = environment;
        this.flyway = flyway;
    }

    @Override
    public List<Setting> current() {
        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("security.issuer",
                environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"),
                "the identity provider whose tokens are accepted"));
        settings.add(new Setting("security.audience", environment.getProperty("eecs.security.audience"),
                "the audience a token must name"));
        String url = environment.getProperty("spring.datasource.url");
        settings.add(new Setting("database",
                StringUtils.hasText(url) ? withoutCredentials(url) : "embedded PostgreSQL in "
                        + environment.getProperty("eecs.embedded-postgres.data-directory"),
                "where care records and the audit trail are kept"));
        Flyway migrations = flyway.getIfAvailable();
        settings.add(new Setting("database.schema-version",
                migrations == null || migrations.info().current() == null ? "none"
                        : migrations.info().current().getVersion().getVersion(),
                "the last migration applied"));
        settings.add(new Setting("hospital-zone", environment.getProperty("eecs.hospital-zone"),
                "the time zone that defines a day of sessions"));
        settings.add(new Setting("api.max-request-bytes", environment.getProperty("eecs.api.max-request-bytes"),
                "the largest request body accepted"));
        settings.add(new Setting("api.idempotency-key-retention",
                environment.getProperty("eecs.api.idempotency-key-retention"),
                "how long the answer to a request with an Idempotency-Key is kept for its retries"));
        String provider = environment.getProperty("eecs.reasoning.llm.provider", "none");
        settings.add(new Setting("reasoning.llm", "none".equalsIgnoreCase(provider) ? "none (care library only)"
                        : provider + " " + environment.getProperty("eecs.reasoning.llm.model", "(provider default)")
                        + " at " + withoutCredentials(environment.getProperty("eecs.reasoning.llm.base-url",
                        "(provider default)")),
                "the language model patients' words are sent to, with their consent to external processing"));
        String webhook = environment.getProperty("eecs.safety.webhook.url");
        settings.add(new Setting("safety.webhook", StringUtils.hasText(webhook) ? withoutCredentials(webhook) : "none",
                "where escalation alerts are pushed"));
        return settings;
    }

    /** A JDBC URL without user information or password parameters. */
    static String withoutCredentials(String url) {
        String withoutUserInfo = url.replaceFirst("//[^/@?]*@", "//");
        int query = withoutUserInfo.indexOf('?');
        if (query < 0) {
            return withoutUserInfo;
        }
        String kept = Arrays.stream(withoutUserInfo.substring(query + 1).split("&"))
                .filter(parameter -> !parameter.toLowerCase(Locale.ROOT).matches("(password|user)=.*"))
                .collect(Collectors.joining("&"));
        return withoutUserInfo.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }
}
