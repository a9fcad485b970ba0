package io.filepipe.infra.iam;

import io.filepipe.infra.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may assume a role: exactly one AWS service. For services that act on behalf of a resource
 * (Pipes, Step Functions) the source account is pinned too, against the confused deputy.
 *
 * @param service       the service principal, e.g. {@code lambda.amazonaws.com}
 * @param sourceAccount the account whose resources may use the role, or {@code null} for none
 */
public record TrustPolicy(String service, String sourceAccount) {

    public static TrustPolicy of(String service) {
        return new TrustPolicy(service, null);
    }

    public static TrustPolicy of(String service, String sourceAccount) {
        return new TrustPolicy(service, sourceAccount);
    }

    public String toJson() {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", service));
        statement.put("Action", "sts:AssumeRole");
        if (sourceAccount != null) {
            statement.put("Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", sourceAccount)));
        }
        return Json.write(Map.of("Version", PolicyDocument.VERSION, "Statement", List.of(statement)));
    }
}
